import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTRACTS_SOURCE_HASH, gridTokenBytecode } from '../generated/artifacts';
import { compileContracts } from './compile-contracts';
import { renderArtifacts } from './render-artifacts';

const contractsDir = fileURLToPath(new URL('../../../../contracts/src', import.meta.url));
const artifactsFile = fileURLToPath(new URL('../generated/artifacts.ts', import.meta.url));

describe('generated artifacts', () => {
  it('are up to date with contracts/src (else run npm run contracts:build)', async () => {
    const fresh = await compileContracts({ contractsDir });
    expect(CONTRACTS_SOURCE_HASH).toBe(fresh.sourceHash);
    expect(gridTokenBytecode).toBe(fresh.contracts.find((c) => c.name === 'GridToken')?.bytecode);
    expect(await readFile(artifactsFile, 'utf8')).toBe(renderArtifacts(fresh));
  });
});
