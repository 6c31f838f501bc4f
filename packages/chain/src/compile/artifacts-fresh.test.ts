import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTRACTS_SOURCE_HASH, gridTokenBytecode } from '../generated/artifacts';
import { compileContracts } from './compile-contracts';
import { ARTIFACTS_DIR, renderArtifacts } from './render-artifacts';

const contractsDir = fileURLToPath(new URL('../../../../contracts/src', import.meta.url));
const generatedDir = fileURLToPath(new URL('../generated/', import.meta.url));

describe('generated artifacts', () => {
  it('are up to date with contracts/src (else run npm run contracts:build)', async () => {
    const fresh = await compileContracts({ contractsDir });
    expect(CONTRACTS_SOURCE_HASH).toBe(fresh.sourceHash);
    expect(gridTokenBytecode).toBe(fresh.contracts.find((c) => c.name === 'GridToken')?.bytecode);
    const files = renderArtifacts(fresh);
    for (const file of files) expect(await readFile(path.join(generatedDir, file.path), 'utf8'), file.path).toBe(file.text);
    expect((await readdir(path.join(generatedDir, ARTIFACTS_DIR))).map((n) => `${ARTIFACTS_DIR}/${n}`).sort()).toEqual(files.slice(1).map((f) => f.path).sort());
  });
});
