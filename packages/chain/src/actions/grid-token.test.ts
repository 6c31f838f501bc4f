import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBaseError } from '@tensorgrid/protocol';
import { keccak256, toFunctionSelector, toHex, type Address } from 'viem';
import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS } from '../anvil/dev-keys';
import { startAnvil, type AnvilInstance } from '../anvil/start-anvil';
import { createChainClients, type WalletChainClients } from '../clients';
import { mapChainError } from '../errors/map-revert';
import { gridTokenAbi } from '../generated/artifacts';
import { deployGridToken } from './deploy-grid-token';
import { hasCode } from './has-code';
import { readTokenInfo } from './read-token-info';

const GRID = 10n ** 18n;
const MINTER_ROLE = keccak256(toHex('MINTER_ROLE'));
const [ADMIN_KEY, TREASURY_KEY, OTHER_KEY] = ANVIL_DEV_KEYS;
const [, TREASURY, OTHER] = ANVIL_DEV_ADDRESSES;

describe('GridToken on anvil', () => {
  let anvil: AnvilInstance;
  let admin: WalletChainClients;
  let other: WalletChainClients;
  let token: Address;

  beforeAll(async () => {
    anvil = await startAnvil();
    const base = { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, pollingIntervalMs: 50 };
    admin = createChainClients({ ...base, privateKey: ADMIN_KEY });
    other = createChainClients({ ...base, privateKey: OTHER_KEY });
    const deployed = await deployGridToken(admin, { treasury: TREASURY, admin: admin.account.address });
    token = deployed.address;
    expect(deployed.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(deployed.blockNumber).toBeGreaterThan(0n);
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it('has the genesis supply at the treasury and the cap', async () => {
    expect(await hasCode(admin.publicClient, token)).toBe(true);
    expect(await hasCode(admin.publicClient, TREASURY)).toBe(false);
    const info = await readTokenInfo(admin.publicClient, { address: token });
    expect(info).toEqual({ name: 'Tensorgrid', symbol: 'GRID', decimals: 18, totalSupply: 500_000_000n * GRID, cap: 800_000_000n * GRID });
    const balance = await admin.publicClient.readContract({ address: token, abi: gridTokenAbi, functionName: 'balanceOf', args: [TREASURY] });
    expect(balance).toBe(500_000_000n * GRID);
  });

  it('refuses a mint from a non-minter with AccessControlUnauthorizedAccount', async () => {
    const simulated = await other.publicClient
      .simulateContract({ account: other.account, address: token, abi: gridTokenAbi, functionName: 'mint', args: [OTHER, GRID] })
      .catch((e: unknown) => e);
    const mapped = mapChainError(simulated);
    expect(mapped.code).toBe('CHAIN_ERROR');
    expect(mapped.retryable).toBe(false);
    expect(mapped.data.errorName).toBe('AccessControlUnauthorizedAccount');
    expect(mapped.data.args).toEqual([other.account.address, MINTER_ROLE]);
    expect(() => JSON.stringify(mapped.data)).not.toThrow();

    // Sending straight away (no simulate) fails at gas estimation and maps the same way.
    const sent = await other.walletClient
      .writeContract({ address: token, abi: gridTokenAbi, functionName: 'mint', args: [OTHER, GRID] })
      .catch((e: unknown) => e);
    expect(mapChainError(sent).data.errorName).toBe('AccessControlUnauthorizedAccount');
  });

  it('lets the admin grant MINTER_ROLE and mint, up to the cap only', async () => {
    const grant = await admin.walletClient.writeContract({ address: token, abi: gridTokenAbi, functionName: 'grantRole', args: [MINTER_ROLE, admin.account.address] });
    await admin.publicClient.waitForTransactionReceipt({ hash: grant });

    const mint = await admin.walletClient.writeContract({ address: token, abi: gridTokenAbi, functionName: 'mint', args: [OTHER, 1_000n * GRID] });
    expect((await admin.publicClient.waitForTransactionReceipt({ hash: mint })).status).toBe('success');
    expect(await admin.publicClient.readContract({ address: token, abi: gridTokenAbi, functionName: 'balanceOf', args: [OTHER] })).toBe(1_000n * GRID);

    const room = 800_000_000n * GRID - (500_000_000n * GRID + 1_000n * GRID);
    const tooMuch = await admin.publicClient
      .simulateContract({ account: admin.account, address: token, abi: gridTokenAbi, functionName: 'mint', args: [OTHER, room + 1n] })
      .catch((e: unknown) => e);
    const mapped = mapChainError(tooMuch);
    expect(mapped.code).toBe('CHAIN_ERROR');
    expect(mapped.data.errorName).toBe('ERC20ExceededCap');
    expect(mapped.data.args).toEqual([(800_000_000n * GRID + 1n).toString(), (800_000_000n * GRID).toString()]);

    const exact = await admin.walletClient.writeContract({ address: token, abi: gridTokenAbi, functionName: 'mint', args: [OTHER, room] });
    await admin.publicClient.waitForTransactionReceipt({ hash: exact });
    expect((await readTokenInfo(admin.publicClient, { address: token })).totalSupply).toBe(800_000_000n * GRID);
  });

  it('lets a holder burn', async () => {
    const treasury = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: TREASURY_KEY, pollingIntervalMs: 50 });
    const before = await readTokenInfo(treasury.publicClient, { address: token });
    const burn = await treasury.walletClient.writeContract({ address: token, abi: gridTokenAbi, functionName: 'burn', args: [5n * GRID] });
    await treasury.publicClient.waitForTransactionReceipt({ hash: burn });
    expect((await readTokenInfo(treasury.publicClient, { address: token })).totalSupply).toBe(before.totalSupply - 5n * GRID);
  });

  it('refuses a zero admin at deployment with GridTokenZeroAddress', async () => {
    const err = await deployGridToken(admin, { treasury: TREASURY, admin: '0x0000000000000000000000000000000000000000' }).catch((e: unknown) => e);
    expect(isBaseError(err)).toBe(true);
    if (!isBaseError(err)) return;
    expect(err.code).toBe('CHAIN_ERROR');
    expect(err.retryable).toBe(false);
    expect(err.data.errorName).toBe('GridTokenZeroAddress');
    expect(err.data.signature).toBe(toFunctionSelector('GridTokenZeroAddress()'));
  });
});
