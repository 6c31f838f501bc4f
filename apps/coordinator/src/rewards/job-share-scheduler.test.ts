import { createJobIndexStore, createJobShareDayStore, createTickLock } from '@tensorgrid/db';
import type { IndexedJob, JobIndexStore, JobShareDayStore } from '@tensorgrid/domain';
import { openTestDatabase, type TestDatabase } from '@tensorgrid/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobShareChain } from './core/job-share-chain';
import { createJobShareBuilder } from './job-share-builder';
import { createJobShareScheduler, JOB_SHARE_TICK_LOCK } from './job-share-scheduler';

const DAY_S = 86_400;
const WINDOW = 3_600;
const D = 20_000;
const NODE_A = '0x00000000000000000000000000000000000000aa';
const NODE_B = '0x00000000000000000000000000000000000000bb';

const job = ({ id, day, node, state, gas }: { id: number; day: number; node: string; state: IndexedJob['state']; gas: bigint }): IndexedJob => ({
  jobId: BigInt(id), state, requester: '0x00000000000000000000000000000000000000cc', node, verifier: null, whistleblower: null,
  specHash: `0x${id.toString(16).padStart(64, '0')}`, resultRoot: null, evidence: null, fee: 1n, gas, deposit: 0n, bond: 0n,
  deadline: 0, challengeEndsAt: day * DAY_S + WINDOW, verdictDay: day, postedBlock: 1, updatedBlock: 1,
});

/** The chain at its port: shares per (day, node), one block time, and posted roots kept in memory. */
function fakeChain(shares: Map<string, bigint>, time: { now: number }): JobShareChain & { posted: Map<number, { root: string; total: bigint }> } {
  const posted = new Map<number, { root: string; total: bigint }>();
  return {
    posted,
    blockTime: async () => time.now,
    challengeWindow: async () => WINDOW,
    shares: async ({ day, nodes }) => {
      const byNode = nodes.map((node) => ({ node, shares: shares.get(`${day}/${node}`) ?? 0n }));
      const total = [...shares].filter(([k]) => k.startsWith(`${day}/`)).reduce((s, [, v]) => s + v, 0n);
      return { byNode, total };
    },
    allowance: async () => 1_000n,
    postedRoot: async (day) => (posted.has(day) ? { root: posted.get(day)!.root, txHash: `0x${'77'.repeat(32)}` } : null),
    postRoot: async ({ day, root, total }) => (posted.set(day, { root, total }), { txHash: `0x${'77'.repeat(32)}` }),
    isClaimed: async () => false,
  };
}

describe('job-share scheduler (real SQLite stores, chain faked at its port)', () => {
  let database: TestDatabase;
  let index: JobIndexStore;
  let store: JobShareDayStore;
  beforeEach(async () => {
    database = await openTestDatabase('sqlite');
    index = createJobIndexStore(database.db);
    store = createJobShareDayStore(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  it('settles a later day while an earlier one waits on its dispute, then the earlier one once resolved', async () => {
    const time = { now: (D + 2) * DAY_S + WINDOW - 1 };
    const shares = new Map([[`${D}/${NODE_A}`, 5n], [`${D}/${NODE_B}`, 9n], [`${D + 1}/${NODE_A}`, 3n], [`${D + 1}/${NODE_B}`, 1n]]);
    const chain = fakeChain(shares, time);
    await index.applyBatch({ cursor: { contract: '0xm', block: 10 }, events: [], jobs: [job({ id: 1, day: D, node: NODE_A, state: 'settled', gas: 5n }), job({ id: 2, day: D, node: NODE_B, state: 'disputed', gas: 9n }), job({ id: 3, day: D + 1, node: NODE_A, state: 'verified', gas: 3n }), job({ id: 4, day: D + 1, node: NODE_B, state: 'verified', gas: 1n })] });
    const scheduler = createJobShareScheduler({ builder: createJobShareBuilder({ store, index, chain, clock: { now: () => time.now * 1000 } }), store, index });

    expect(await scheduler.tick()).toEqual([
      { kind: 'waiting', day: D, readiness: { kind: 'wait', why: 'dispute-pending', jobIds: [2n] } },
      { kind: 'waiting', day: D + 1, readiness: { kind: 'wait', why: 'challenge-window-open', until: (D + 2) * DAY_S + WINDOW } },
    ]);
    time.now += 1;
    expect(await scheduler.tick()).toEqual([
      { kind: 'waiting', day: D, readiness: { kind: 'wait', why: 'dispute-pending', jobIds: [2n] } },
      { kind: 'built', day: D + 1, posted: true },
    ]);
    expect((await store.leavesOfDay(D + 1)).map((l) => [l.node, l.amount])).toEqual([[NODE_A, 750n], [NODE_B, 250n]]);
    expect(chain.posted.get(D + 1)?.total).toBe(1_000n);

    // The referee found the node wrong: its shares are gone on chain and the index sees the job slashed.
    shares.set(`${D}/${NODE_B}`, 0n);
    await index.applyBatch({ cursor: { contract: '0xm', block: 11 }, events: [], jobs: [job({ id: 2, day: D, node: NODE_B, state: 'slashed', gas: 9n })] });
    expect(await scheduler.tick()).toEqual([{ kind: 'built', day: D, posted: true }]);
    expect((await store.leavesOfDay(D)).map((l) => [l.node, l.shares, l.amount])).toEqual([[NODE_A, 5n, 1_000n]]);
    expect(await scheduler.tick()).toEqual([]);
  });

  it('stores a day whose every job was slashed as empty and posts nothing', async () => {
    const time = { now: (D + 1) * DAY_S + WINDOW };
    const chain = fakeChain(new Map([[`${D}/${NODE_A}`, 0n]]), time);
    await index.applyBatch({ cursor: { contract: '0xm', block: 10 }, events: [], jobs: [job({ id: 1, day: D, node: NODE_A, state: 'slashed', gas: 5n })] });
    const scheduler = createJobShareScheduler({ builder: createJobShareBuilder({ store, index, chain, clock: { now: () => 0 } }), store, index });
    expect(await scheduler.tick()).toEqual([{ kind: 'built', day: D, posted: false }]);
    expect(await store.getDay(D)).toMatchObject({ state: 'empty', root: null, total: 0n, allowance: 1_000n });
    expect(chain.posted.size).toBe(0);
    expect(await scheduler.tick()).toEqual([]);
  });

  it('skips the tick while another replica holds the job-share lock, and settles on the next', async () => {
    const time = { now: (D + 1) * DAY_S + WINDOW };
    const chain = fakeChain(new Map([[`${D}/${NODE_A}`, 5n]]), time);
    await index.applyBatch({ cursor: { contract: '0xm', block: 10 }, events: [], jobs: [job({ id: 1, day: D, node: NODE_A, state: 'settled', gas: 5n })] });
    const scheduler = createJobShareScheduler({ builder: createJobShareBuilder({ store, index, chain, clock: { now: () => 0 } }), store, index, lock: createTickLock(database.db) });
    const other = createTickLock(database.db);
    expect(await other.withExclusiveTick(JOB_SHARE_TICK_LOCK, async () => scheduler.tick())).toEqual({ kind: 'ran', value: [] });
    expect(await store.getDay(D)).toBeUndefined();
    expect(chain.posted.size).toBe(0);
    expect(await scheduler.tick()).toEqual([{ kind: 'built', day: D, posted: true }]);
    expect(chain.posted.get(D)?.total).toBe(1_000n);
  });
});
