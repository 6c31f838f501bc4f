import { createTestClient, getAddress, http, keccak256, maxUint256, padHex, toHex, type Abi, type Address, type Hex, type TestClient } from 'viem';
import { expect } from 'vitest';
import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS } from '../../src/anvil/dev-keys';
import { startAnvil, type AnvilInstance } from '../../src/anvil/start-anvil';
import { createChainClients, type WalletChainClients } from '../../src/clients';
import { deployGridToken } from '../../src/actions/deploy-grid-token';
import { deployFeeVault } from '../../src/actions/fee-vault/deploy-fee-vault';
import { deployFixedPriceSwapAdapter } from '../../src/actions/fee-vault/deploy-fixed-price-swap-adapter';
import { deployTestUsd } from '../../src/actions/fee-vault/deploy-test-usd';
import { deployLeases } from '../../src/actions/leases/deploy-leases';
import { mapLeasesError } from '../../src/errors/leases-errors';
import { waitForDeployment, waitForSuccess } from '../../src/actions/tx-receipt';
import { erc20Abi } from 'viem';
import {
  feeVaultAbi,
  fixedPriceSwapAdapterAbi,
  gridTokenAbi,
  hostileERC20Abi,
  hostileERC20Bytecode,
  leasesAbi,
  recordingStakingAbi,
  recordingStakingBytecode,
  testUSDAbi,
} from '../../src/generated/artifacts';

export const GRID = 10n ** 18n;
export const USD = 10n ** 6n;
export const BPS = 10_000n;
export const ORACLE_ROLE = keccak256(toHex('ORACLE_ROLE'));
/** 10 GRID per tUSD: GRID base units per tUSD base unit, times 1e18. */
export const PRICE_WAD = 10n * 10n ** 12n * 10n ** 18n;

/** Rounds a fee up, as the contracts do. */
export function fee(amount: bigint, bps: bigint): bigint {
  return (amount * bps + BPS - 1n) / BPS;
}

/** A device id from a small number. */
export function device(n: number): Hex {
  return padHex(`0x${(0xd000 + n).toString(16)}`, { size: 32 });
}

/** The deployed world of one test file. */
export interface World {
  anvil: AnvilInstance;
  test: TestClient;
  admin: WalletChainClients;
  oracle: WalletChainClients;
  buyer: WalletChainClients;
  buyer2: WalletChainClients;
  keeper: WalletChainClients;
  outsider: WalletChainClients;
  payees: readonly [Address, Address];
  grid: Address;
  tusd: Address;
  vault: Address;
  adapter: Address;
  staking: Address;
  leases: Address;
  hostile: Address;
}

/**
 * Starts anvil and deploys GRID, tUSD, FeeVault, the fixed-price adapter, RecordingStaking,
 * Leases (grace 1 h by default) and a HostileERC20 allowed as a pay token; funds and approves buyers.
 */
export async function deployWorld(opts: { graceSeconds?: bigint } = {}): Promise<World> {
  const anvil = await startAnvil();
  const base = { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, pollingIntervalMs: 20 };
  const [admin, oracle, buyer, buyer2, keeper, outsider] = [0, 1, 2, 3, 4, 5].map((i) => createChainClients({ ...base, privateKey: ANVIL_DEV_KEYS[i]! })) as [
    WalletChainClients,
    WalletChainClients,
    WalletChainClients,
    WalletChainClients,
    WalletChainClients,
    WalletChainClients,
  ];
  const test = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl), chain: admin.chain });
  const me = admin.account.address;
  const grid = getAddress((await deployGridToken(admin, { treasury: me, admin: me })).address);
  const tusd = (await deployTestUsd(admin)).address;
  const vault = (await deployFeeVault(admin, { grid, admin: me })).address;
  const adapter = (await deployFixedPriceSwapAdapter(admin, { grid, admin: me })).address;
  const staking = (await waitForDeployment(admin, await admin.walletClient.deployContract({ abi: recordingStakingAbi, bytecode: recordingStakingBytecode }), 'RecordingStaking')).address;
  const leases = (await deployLeases(admin, { grid, feeVault: vault, staking, admin: me, settlementGraceSeconds: opts.graceSeconds ?? 3_600n })).address;
  const hostile = (await waitForDeployment(admin, await admin.walletClient.deployContract({ abi: hostileERC20Abi, bytecode: hostileERC20Bytecode }), 'HostileERC20')).address;

  const w = admin.walletClient;
  await send(admin, w.writeContract({ address: leases, abi: leasesAbi, functionName: 'grantRole', args: [ORACLE_ROLE, oracle.account.address] }));
  await send(admin, w.writeContract({ address: leases, abi: leasesAbi, functionName: 'setPayToken', args: [tusd, true] }));
  await send(admin, w.writeContract({ address: leases, abi: leasesAbi, functionName: 'setPayToken', args: [hostile, true] }));
  const keeperRole = await admin.publicClient.readContract({ address: vault, abi: feeVaultAbi, functionName: 'KEEPER_ROLE' });
  await send(admin, w.writeContract({ address: vault, abi: feeVaultAbi, functionName: 'grantRole', args: [keeperRole, keeper.account.address] }));
  await send(admin, w.writeContract({ address: vault, abi: feeVaultAbi, functionName: 'setSwapAdapter', args: [adapter] }));
  await send(admin, w.writeContract({ address: adapter, abi: fixedPriceSwapAdapterAbi, functionName: 'setPrice', args: [tusd, PRICE_WAD] }));
  await send(admin, w.writeContract({ address: grid, abi: gridTokenAbi, functionName: 'transfer', args: [adapter, 1_000_000n * GRID] }));
  for (const b of [buyer, buyer2]) {
    await send(admin, w.writeContract({ address: grid, abi: gridTokenAbi, functionName: 'transfer', args: [b.account.address, 10_000_000n * GRID] }));
    await send(admin, w.writeContract({ address: tusd, abi: testUSDAbi, functionName: 'mint', args: [b.account.address, 10_000_000n * USD] }));
    await send(admin, w.writeContract({ address: hostile, abi: hostileERC20Abi, functionName: 'mint', args: [b.account.address, 10_000_000n * GRID] }));
    for (const token of [grid, tusd, hostile]) {
      await send(b, b.walletClient.writeContract({ address: token, abi: erc20Abi, functionName: 'approve', args: [leases, maxUint256] }));
    }
  }
  return { anvil, test, admin, oracle, buyer, buyer2, keeper, outsider, payees: [ANVIL_DEV_ADDRESSES[8], ANVIL_DEV_ADDRESSES[9]], grid, tusd, vault, adapter, staking, leases, hostile };
}

/** Waits for a sent transaction and checks it succeeded. */
export async function send(clients: WalletChainClients, hash: Promise<Hex>): Promise<bigint> {
  return (await waitForSuccess(clients, await hash, 'test transaction')).gasUsed;
}

/** A token balance. */
export async function balanceOf(w: World, token: Address, account: Address): Promise<bigint> {
  return w.admin.publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [account] });
}

/** Asserts that a promise rejects with the custom error `errorName` (and `args`, as decimal strings for bigints). */
export async function expectRevert(p: Promise<unknown>, errorName: string, args?: readonly unknown[]): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected a revert with ${errorName}`).toBeDefined();
  const mapped = mapLeasesError(err);
  expect(mapped.data.errorName).toBe(errorName);
  if (args !== undefined) expect(mapped.data.args).toEqual(args.map((a) => (typeof a === 'bigint' ? a.toString() : a)));
}

/** Simulates a call from `clients` (no transaction): the way to assert reverts of functions without an action. */
export function simulate(clients: WalletChainClients, call: { address: Address; abi: Abi; functionName: string; args?: readonly unknown[] }): Promise<unknown> {
  return clients.publicClient.simulateContract({ account: clients.account, ...call } as Parameters<typeof clients.publicClient.simulateContract>[0]);
}

/** The latest block's timestamp. */
export async function now(w: World): Promise<bigint> {
  return (await w.admin.publicClient.getBlock()).timestamp;
}

/** Moves the chain's clock forward and mines a block. */
export async function warp(w: World, seconds: bigint): Promise<void> {
  await w.test.increaseTime({ seconds: Number(seconds) });
  await w.test.mine({ blocks: 1 });
}
