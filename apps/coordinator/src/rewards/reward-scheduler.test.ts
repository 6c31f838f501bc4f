import { createDeviceStore, createRewardBlockStore, createSupplyStores, createTickLock, openDatabase, type OpenedDatabase } from '@tensorgrid/db';
import { DEFAULT_NOMINATION_POLICY, DEFAULT_SPLIT_POLICY, REWARD_BLOCK_MS, type DevicePool } from '@tensorgrid/domain';
import { DIALECTS, TEST_PG_URL, openTestDatabase, until, type TestDatabase } from '@tensorgrid/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBlockBuilder } from './block-builder';
import type { RewardChain } from './core/reward-chain';
import { createRewardScheduler, REWARD_BLOCK_TICK_LOCK } from './reward-scheduler';

/** Block 2 ended its settle time and a minute ago: blocks 1 and 2 (the backfill of 2) are due. */
const NOW = 3 * REWARD_BLOCK_MS + DEFAULT_NOMINATION_POLICY.settleMs + 60_000;

/** The chain at its port: genesis at 0, fixed allowances, every read of them counted; `allowances` waits on `hold` while set. */
function fakeChain() {
  const calls: number[] = [];
  const state: { hold: Promise<void> | undefined } = { hold: undefined };
  const chain: RewardChain = {
    genesisMs: async () => 0,
    allowances: async (block) => {
      calls.push(block);
      await state.hold;
      return { gpu: 950n, cpu: 50n } satisfies Record<DevicePool, bigint>;
    },
    stakeOf: async () => ({ owner: null, active: 0n, minimum: 0n, meetsMinimum: false }),
    postedRoot: async () => null,
    postRoot: async () => ({ txHash: `0x${'77'.repeat(32)}` }),
    isClaimed: async () => false,
    splitOf: async () => null,
    coStakedDevices: async () => [],
    payoutsOf: async () => [],
  };
  return { chain, calls, state };
}

/** One coordinator replica's reward scheduler over its own connection pool. */
function replica(db: OpenedDatabase['db'], chain: RewardChain, clock = { now: () => NOW }) {
  const store = createRewardBlockStore(db);
  const supply = createSupplyStores(db);
  const builder = createBlockBuilder({
    store, chain, clock,
    sources: { devices: createDeviceStore(db), liveness: supply.history, challenges: supply.challenges },
    policy: { nomination: DEFAULT_NOMINATION_POLICY, split: DEFAULT_SPLIT_POLICY },
  });
  return { store, scheduler: createRewardScheduler({ builder, store, lock: createTickLock(db) }, { backfillBlocks: 2 }) };
}

describe.each(DIALECTS)('reward scheduler replicas on %s (real stores and tick lock, chain faked at its port)', (kind) => {
  let database: TestDatabase;
  /** The second replica's own pool on the same schema (PostgreSQL); SQLite is opened by one process. */
  let second: OpenedDatabase | undefined;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
    second = kind === 'postgres' ? await openDatabase({ kind: 'postgres', url: TEST_PG_URL, schema: database.location }) : undefined;
  });
  afterEach(async () => {
    await second?.close();
    await database.close();
  });

  it('one replica builds while the other skips its tick; the lock is free for the next tick', async () => {
    const a = fakeChain();
    const b = fakeChain();
    const replicaA = replica(database.db, a.chain);
    const replicaB = replica(second?.db ?? database.db, b.chain);
    let release!: () => void;
    a.state.hold = new Promise<void>((r) => (release = r));
    const tickA = replicaA.scheduler.tick();
    await until(() => a.calls.length > 0, 'replica A inside its pass');

    // Replica A is inside its pass (reading block 1's allowances): B skips without touching the chain.
    expect(await replicaB.scheduler.tick()).toEqual([]);
    expect(b.calls).toEqual([]);
    release();
    expect(await tickA).toEqual([{ kind: 'settled', block: 1 }, { kind: 'settled', block: 2 }]);
    expect(a.calls).toEqual([1, 2]);

    // Next tick: B takes the lock, finds both blocks stored, builds nothing again.
    expect(await replicaB.scheduler.tick()).toEqual([]);
    expect(b.calls).toEqual([]);
    expect(await replicaB.store.latestBlock()).toBe(2);
  });

  it('skips the tick while the block lock is held elsewhere, whatever holds it', async () => {
    const a = fakeChain();
    const replicaA = replica(database.db, a.chain);
    const lock = createTickLock(second?.db ?? database.db);
    const held = await lock.withExclusiveTick(REWARD_BLOCK_TICK_LOCK, async () => replicaA.scheduler.tick());
    expect(held).toEqual({ kind: 'ran', value: [] });
    expect(a.calls).toEqual([]);
    expect(await replicaA.scheduler.tick()).toEqual([{ kind: 'settled', block: 1 }, { kind: 'settled', block: 2 }]);
  });

  it('builds a block only once its evidence has settled, the policy\'s settleMs after its end', async () => {
    const a = fakeChain();
    let now = 3 * REWARD_BLOCK_MS + 60_000; // block 2 ended a minute ago: its late results and re-challenges are not in yet
    const { scheduler } = replica(database.db, a.chain, { now: () => now });
    expect(await scheduler.tick()).toEqual([{ kind: 'settled', block: 0 }, { kind: 'settled', block: 1 }]); // the backfill of 2 up to block 1
    now = 3 * REWARD_BLOCK_MS + DEFAULT_NOMINATION_POLICY.settleMs - 1;
    expect(await scheduler.tick()).toEqual([]);
    now += 1;
    expect(await scheduler.tick()).toEqual([{ kind: 'settled', block: 2 }]);
    expect(a.calls).toEqual([0, 1, 2]);
  });
});
