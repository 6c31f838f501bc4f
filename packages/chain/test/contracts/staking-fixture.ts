import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { isBaseError, type BaseError } from '@tensorgrid/protocol';
import { keccak256, maxUint256, pad, toHex, type Address, type Hex } from 'viem';
import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS } from '../../src/anvil/dev-keys';
import { startAnvil, type AnvilInstance } from '../../src/anvil/start-anvil';
import { createChainClients, type WalletChainClients } from '../../src/clients';
import { deployGridToken } from '../../src/actions/deploy-grid-token';
import { coStake } from '../../src/actions/staking/co-stake';
import { deployStaking, type DeployStakingParams } from '../../src/actions/staking/deploy-staking';
import { openCoStakeOffer } from '../../src/actions/staking/open-co-stake-offer';
import { readStake } from '../../src/actions/staking/read-stake';
import { setDevice } from '../../src/actions/staking/set-device';
import { stake } from '../../src/actions/staking/stake';
import { gridTokenAbi, stakingAbi } from '../../src/generated/artifacts';

export const GRID = 10n ** 18n;
export const DAY = 86_400n;
export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000' as const;

export const ROLES = {
  DEFAULT_ADMIN_ROLE: pad('0x00', { size: 32 }),
  REGISTRAR_ROLE: keccak256(toHex('REGISTRAR_ROLE')),
  MULTIPLIER_ROLE: keccak256(toHex('MULTIPLIER_ROLE')),
  SLASHER_ROLE: keccak256(toHex('SLASHER_ROLE')),
  APPEALS_ROLE: keccak256(toHex('APPEALS_ROLE')),
} as const;

/** Dev account indices by role: one account per role, so every role can be checked against every other. */
export const WHO = { admin: 0, registrar: 1, multiplier: 2, slasher: 3, appeals: 4, owner: 5, owner2: 6, co1: 7, co2: 8, co3: 9 } as const;
export type Who = keyof typeof WHO;

/** The device id of a worker address: `bytes32(uint256(uint160(worker)))`. */
export function deviceId(worker: Address): Hex {
  return pad(worker.toLowerCase() as Hex, { size: 32 });
}

export interface StakingFixture {
  anvil: AnvilInstance;
  clients: Record<Who, WalletChainClients>;
  addr: Record<Who, Address>;
  token: Address;
  staking: Address;
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  snapshot(): Promise<Hex>;
  revert(id: Hex): Promise<void>;
  /** evm_increaseTime + evm_mine. */
  advance(seconds: bigint): Promise<void>;
  /** The next block (and gas estimates and pending calls until then) gets exactly this timestamp. */
  at(timestamp: bigint): Promise<void>;
  latestTimestamp(): Promise<bigint>;
  balanceOf(account: Address): Promise<bigint>;
  totalSupply(): Promise<bigint>;
  stop(): Promise<void>;
}

/**
 * Starts anvil, deploys GridToken and Staking, grants each role to its account, gives every
 * non-admin account 1,000,000 GRID and approves Staking for all of it.
 */
export async function setUpStaking(overrides: Partial<Omit<DeployStakingParams, 'token' | 'admin'>> = {}): Promise<StakingFixture> {
  const anvil = await startAnvil();
  const base = { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, pollingIntervalMs: 20 };
  const names = Object.keys(WHO) as Who[];
  const clients = Object.fromEntries(names.map((n) => [n, createChainClients({ ...base, privateKey: ANVIL_DEV_KEYS[WHO[n]] })])) as Record<Who, WalletChainClients>;
  const addr = Object.fromEntries(names.map((n) => [n, ANVIL_DEV_ADDRESSES[WHO[n]] as Address])) as unknown as Record<Who, Address>;
  const admin = clients.admin;
  const { address: token } = await deployGridToken(admin, { treasury: addr.admin, admin: addr.admin });
  const { address: staking } = await deployStaking(admin, { token, admin: addr.admin, maxCoStakers: 3n, ...overrides });
  const wait = (hash: Hex) => admin.publicClient.waitForTransactionReceipt({ hash });

  const grants: [keyof typeof ROLES, Who][] = [['REGISTRAR_ROLE', 'registrar'], ['MULTIPLIER_ROLE', 'multiplier'], ['SLASHER_ROLE', 'slasher'], ['APPEALS_ROLE', 'appeals']];
  for (const [role, who] of grants) {
    await wait(await admin.walletClient.writeContract({ address: staking, abi: stakingAbi, functionName: 'grantRole', args: [ROLES[role], addr[who]] }));
  }
  for (const n of names.filter((n) => n !== 'admin')) {
    await wait(await admin.walletClient.writeContract({ address: token, abi: gridTokenAbi, functionName: 'transfer', args: [addr[n], 1_000_000n * GRID] }));
    await wait(await clients[n].walletClient.writeContract({ address: token, abi: gridTokenAbi, functionName: 'approve', args: [staking, maxUint256] }));
  }

  let id = 0;
  const rpc = async <T = unknown>(method: string, params: unknown[] = []): Promise<T> => {
    const res = await fetch(anvil.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) });
    const body = (await res.json()) as { result?: T; error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result as T;
  };
  const read = admin.publicClient;
  return {
    anvil,
    clients,
    addr,
    token,
    staking,
    rpc,
    snapshot: () => rpc<Hex>('evm_snapshot'),
    revert: async (snap) => {
      expect(await rpc<boolean>('evm_revert', [snap])).toBe(true);
    },
    advance: async (seconds) => {
      await rpc('evm_increaseTime', [Number(seconds)]);
      await rpc('evm_mine');
    },
    at: async (timestamp) => {
      await rpc('evm_setNextBlockTimestamp', [Number(timestamp)]);
    },
    latestTimestamp: async () => (await read.getBlock({ blockTag: 'latest' })).timestamp,
    balanceOf: (account) => read.readContract({ address: token, abi: gridTokenAbi, functionName: 'balanceOf', args: [account] }),
    totalSupply: () => read.readContract({ address: token, abi: gridTokenAbi, functionName: 'totalSupply' }),
    stop: () => anvil.stop(),
  };
}

/** Awaits a promise that must reject with a BaseError from a Staking revert named `errorName`. */
export async function expectRevert(promise: Promise<unknown>, errorName: string, args?: unknown[]): Promise<BaseError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected a revert with ${errorName}`).toBeDefined();
  if (!isBaseError(err)) throw new Error(`expected a BaseError, got ${String(err)}`);
  expect(err.data.errorName, err.message).toBe(errorName);
  if (args !== undefined) expect(err.data.args).toEqual(args.map((a) => (typeof a === 'bigint' ? a.toString() : a)));
  return err;
}

/** The hardware class the tests' device is recorded with. */
export const H100 = keccak256(toHex('gpu.h100'));

/**
 * The tests' usual stakes: the owner stakes 1,000 GRID and opens a 20% offer; co1 co-stakes 600 and co2 400.
 * @param f - the fixture
 * @param device - the owner's device
 */
export async function stakeAll(f: StakingFixture, device: Hex): Promise<void> {
  await stake(f.clients.owner, { staking: f.staking, device, amount: 1_000n * GRID });
  await openCoStakeOffer(f.clients.owner, { staking: f.staking, device, shareBps: 2_000 });
  await coStake(f.clients.co1, { staking: f.staking, device, amount: 600n * GRID });
  await coStake(f.clients.co2, { staking: f.staking, device, amount: 400n * GRID });
}

/** What {@link useStakingDevice} sets up: the fixture and the owner's device, recorded as an H100, and helpers over them. */
export interface StakingDeviceContext {
  f: StakingFixture;
  device: Hex;
  /** The clients of `who`. */
  as(who: Who): WalletChainClients;
  /** The device's stake (`readStake`). */
  read(): ReturnType<typeof readStake>;
  /** A Staking view by name. */
  view<T>(functionName: string, args: unknown[]): Promise<T>;
  /** {@link stakeAll} on the device. */
  stakeAll(): Promise<void>;
}

/**
 * Registers a test file's hooks: one fixture with the owner's device recorded (before all),
 * each test run from the same snapshot (reverted after it), stopped after all.
 * @returns the context, filled in before the first test
 */
export function useStakingDevice(): StakingDeviceContext {
  const ctx: StakingDeviceContext = {
    f: undefined as unknown as StakingFixture,
    device: '0x',
    as: (who) => ctx.f.clients[who],
    read: () => readStake(ctx.f.clients.admin.publicClient, { staking: ctx.f.staking, device: ctx.device }),
    view: <T>(functionName: string, args: unknown[]) => ctx.f.clients.admin.publicClient.readContract({ address: ctx.f.staking, abi: stakingAbi, functionName, args } as never) as Promise<T>,
    stakeAll: () => stakeAll(ctx.f, ctx.device),
  };
  let snap: Hex;
  beforeAll(async () => {
    ctx.f = await setUpStaking();
    ctx.device = deviceId(ctx.f.addr.owner);
    await setDevice(ctx.f.clients.registrar, { staking: ctx.f.staking, device: ctx.device, owner: ctx.f.addr.owner, hardwareClass: H100 });
  });
  afterAll(async () => {
    await ctx.f?.stop();
  });
  beforeEach(async () => {
    snap = await ctx.f.snapshot();
  });
  afterEach(async () => {
    await ctx.f.revert(snap);
  });
  return ctx;
}
