import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd });

/** Lints `code` as if it lived at `filePath` and returns the rule ids that fired. */
async function rulesFired(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

describe('architecture boundaries enforced by lint', () => {
  it.each([
    ['a core/ folder importing node:fs', 'apps/coordinator/src/registry/core/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['a core/ folder importing kysely', 'apps/worker/src/agent/core/bad.ts', "import { Kysely } from 'kysely';\nexport const x = Kysely;\n"],
    ['the protocol package importing viem', 'packages/protocol/src/bad.ts', "import { keccak256 } from 'viem';\nexport const x = keccak256;\n"],
    ['the tensor package importing node:crypto', 'packages/tensor/src/training/bad.ts', "import { createHash } from 'node:crypto';\nexport const x = createHash;\n"],
    ['the verification package importing node:crypto', 'packages/verification/src/verifier/bad.ts', "import { createHash } from 'node:crypto';\nexport const x = createHash;\n"],
    ['the domain package importing the db package', 'packages/domain/src/bad.ts', "import { openDatabase } from '@tensorgrid/db';\nexport const x = openDatabase;\n"],
    ['the db package importing viem', 'packages/db/src/bad.ts', "import { keccak256 } from 'viem';\nexport const x = keccak256;\n"],
    ['the sdk importing the chain package', 'packages/sdk/src/bad.ts', "import { startAnvil } from '@tensorgrid/chain';\nexport const x = startAnvil;\n"],
    ['the worker importing the db package', 'apps/worker/src/bad.ts', "import { openDatabase } from '@tensorgrid/db';\nexport const x = openDatabase;\n"],
  ])('refuses %s', async (_what, filePath, code) => {
    expect(await rulesFired(filePath, code)).toContain('no-restricted-imports');
  });

  it('refuses process.env outside packages/config and main.ts', async () => {
    expect(await rulesFired('apps/coordinator/src/registry/bad.ts', 'export const port = process.env.PORT;\n')).toContain('no-restricted-properties');
    expect(await rulesFired('apps/coordinator/src/main.ts', 'export const port = process.env.PORT;\n')).not.toContain('no-restricted-properties');
  });

  it('refuses console in packages', async () => {
    expect(await rulesFired('packages/sdk/src/bad.ts', "console.log('hi');\n")).toContain('no-console');
  });

  it('allows pure code to import zod, the protocol and its own local folders', async () => {
    const code = "import { z } from 'zod';\nimport { BaseError } from '@tensorgrid/protocol';\nimport { thing } from './http/thing';\nexport const x = [z, BaseError, thing];\n";
    expect(await rulesFired('apps/coordinator/src/registry/core/good.ts', code)).toEqual([]);
  });
});
