/**
 * Compiles contracts/src and writes packages/chain/src/generated/: the index artifacts.ts and
 * one module per contract under artifacts/ (removing modules of contracts that are gone).
 * With `--check`, writes nothing and exits 1 when any committed file is stale or extra.
 * Usage: `npm run contracts:build` / `npm run contracts:check`.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBaseError } from '@tensorgrid/protocol';
import { compileContracts } from '../src/compile/compile-contracts';
import { CONTRACTS_SRC_DIR as contractsDir } from '../src/contracts-dir';
import { ARTIFACTS_DIR, renderArtifacts } from '../src/compile/render-artifacts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const generatedRel = 'packages/chain/src/generated';
const generatedDir = path.join(repoRoot, generatedRel);

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const result = await compileContracts({ contractsDir });
  for (const warning of result.warnings) console.warn(warning);
  const files = renderArtifacts(result);
  const names = result.contracts.map((c) => c.name).join(', ');
  const wanted = new Set(files.map((f) => f.path));
  const present = (await readdir(path.join(generatedDir, ARTIFACTS_DIR)).catch(() => [] as string[])).map((n) => `${ARTIFACTS_DIR}/${n}`);
  const extra = present.filter((p) => !wanted.has(p));

  if (check) {
    const stale: string[] = [...extra];
    for (const file of files) {
      if ((await readFile(path.join(generatedDir, file.path), 'utf8').catch(() => undefined)) !== file.text) stale.push(file.path);
    }
    if (stale.length > 0) {
      console.error(`${generatedRel} is stale (${stale.join(', ')}): run npm run contracts:build`);
      return 1;
    }
    console.log('contracts: artifacts up to date');
    return 0;
  }

  await mkdir(path.join(generatedDir, ARTIFACTS_DIR), { recursive: true });
  for (const file of files) await writeFile(path.join(generatedDir, file.path), file.text);
  for (const file of extra) await rm(path.join(generatedDir, file));
  console.log(`contracts: wrote ${generatedRel}/ (${names}; source hash ${result.sourceHash})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(isBaseError(err) ? err.message : err);
    process.exit(1);
  },
);
