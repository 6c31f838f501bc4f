import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBaseError } from '@tensorgrid/protocol';
import { compileContracts, type CompileContractsResult } from './compile-contracts';

const contractsDir = fileURLToPath(new URL('../../../../contracts/src', import.meta.url));

describe('compileContracts', () => {
  let first: CompileContractsResult;
  let tmp: string;

  beforeAll(async () => {
    first = await compileContracts({ contractsDir });
    tmp = await mkdtemp(path.join(tmpdir(), 'tg-compile-'));
  });
  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('compiles GridToken with mint, cap and burn, without warnings', () => {
    const token = first.contracts.find((c) => c.name === 'GridToken');
    expect(token).toBeDefined();
    const functions = token!.abi.filter((item) => item.type === 'function').map((item) => item.name);
    expect(functions).toEqual(expect.arrayContaining(['mint', 'cap', 'burn', 'burnFrom', 'grantRole', 'MINTER_ROLE']));
    expect(token!.bytecode).toMatch(/^0x60[0-9a-f]+$/);
    expect(token!.sourcePath).toBe('GridToken.sol');
    expect(first.warnings).toEqual([]);
    expect(first.solcVersion).toMatch(/^0\.8\.37\+/);
  });

  it('lists only the contracts of the folder, not imported OpenZeppelin ones', () => {
    expect(first.contracts.map((c) => c.name)).not.toContain('ERC20');
  });

  it('gives the same source hash on a second compile and on a copy elsewhere', async () => {
    const again = await compileContracts({ contractsDir });
    expect(again.sourceHash).toBe(first.sourceHash);
    expect(first.sourceHash).toMatch(/^0x[0-9a-f]{64}$/);

    const copy = path.join(tmp, 'same');
    await cp(contractsDir, copy, { recursive: true });
    const copied = await compileContracts({ contractsDir: copy });
    expect(copied.sourceHash).toBe(first.sourceHash);
    expect(copied.contracts[0]?.bytecode).toBe(first.contracts[0]?.bytecode);
  });

  it('changes the source hash when a source changes', async () => {
    const copy = path.join(tmp, 'changed');
    await cp(contractsDir, copy, { recursive: true });
    const file = path.join(copy, 'GridToken.sol');
    await writeFile(file, `${await readFile(file, 'utf8')}\n// a comment changes the metadata hash\n`);
    const changed = await compileContracts({ contractsDir: copy });
    expect(changed.sourceHash).not.toBe(first.sourceHash);
  });

  it('throws CHAIN_ERROR listing every compiler error', async () => {
    const bad = path.join(tmp, 'bad');
    await cp(contractsDir, bad, { recursive: true });
    await writeFile(
      path.join(bad, 'Broken.sol'),
      '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\nimport "@openzeppelin/contracts/NoSuchFile.sol";\ncontract Broken { function f() external { undefinedThing(); } }\n',
    );
    const err = await compileContracts({ contractsDir: bad }).catch((e: unknown) => e);
    expect(isBaseError(err)).toBe(true);
    if (!isBaseError(err)) return;
    expect(err.code).toBe('CHAIN_ERROR');
    expect(err.retryable).toBe(false);
    const errors = err.data.errors as string[];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain('NoSuchFile.sol');
    expect(err.message).toContain('Broken.sol');
  });

  it('throws CHAIN_ERROR for a folder without Solidity files', async () => {
    const empty = await mkdtemp(path.join(tmp, 'empty-'));
    await expect(compileContracts({ contractsDir: empty })).rejects.toMatchObject({ code: 'CHAIN_ERROR' });
    await expect(compileContracts({ contractsDir: path.join(tmp, 'missing') })).rejects.toMatchObject({ code: 'CHAIN_ERROR' });
  });
});
