/**
 * Compiles contracts/src and writes packages/chain/src/generated/artifacts.ts.
 * With `--check`, writes nothing and exits 1 when the committed file is stale.
 * Usage: `npm run contracts:build` / `npm run contracts:check`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBaseError } from '@tensorgrid/protocol';
import { compileContracts } from '../src/compile/compile-contracts';
import { CONTRACTS_SRC_DIR as contractsDir } from '../src/contracts-dir';
import { renderArtifacts } from '../src/compile/render-artifacts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const artifactsRel = 'packages/chain/src/generated/artifacts.ts';
const artifactsPath = path.join(repoRoot, artifactsRel);

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const result = await compileContracts({ contractsDir });
  for (const warning of result.warnings) console.warn(warning);
  const text = renderArtifacts(result);
  const names = result.contracts.map((c) => c.name).join(', ');

  if (check) {
    const current = await readFile(artifactsPath, 'utf8').catch(() => undefined);
    if (current !== text) {
      console.error(`${artifactsRel} is stale: run npm run contracts:build`);
      return 1;
    }
    console.log('contracts: artifacts up to date');
    return 0;
  }

  await mkdir(path.dirname(artifactsPath), { recursive: true });
  await writeFile(artifactsPath, text);
  console.log(`contracts: wrote ${artifactsRel} (${names}; source hash ${result.sourceHash})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(isBaseError(err) ? err.message : err);
    process.exit(1);
  },
);
