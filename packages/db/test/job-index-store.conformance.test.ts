import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndexedJob, JobEventRecord, JobIndexStore } from '@tensorgrid/domain';
import { DIALECTS, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createJobIndexStore } from '../src/job-index-store';

const MARKET = '0x00000000000000000000000000000000000000f1';
const REQUESTER = '0x00000000000000000000000000000000000000aa';
const NODE = '0x00000000000000000000000000000000000000bb';
const GRID = 10n ** 18n;
const HUGE = 2n ** 200n;

function job(id: number, overrides: Partial<IndexedJob> = {}): IndexedJob {
  return {
    jobId: BigInt(id), state: 'posted', requester: REQUESTER, node: null, verifier: null, whistleblower: null,
    specHash: `0x${id.toString(16).padStart(64, '0')}`, resultRoot: null, evidence: null,
    fee: 50n * GRID, gas: 40n * GRID, deposit: 0n, bond: 0n, deadline: 1_900_000_000 + id, challengeEndsAt: null, verdictDay: null,
    postedBlock: 10 + id, updatedBlock: 10 + id, ...overrides,
  };
}
const event = (jobId: number, block: number, logIndex = 0): JobEventRecord => ({
  jobId: BigInt(jobId), name: 'JobPosted', block, logIndex, txHash: `0x${'ab'.repeat(32)}`, args: { fee: (50n * GRID).toString(), gas: '1' },
});

describe.each(DIALECTS)('JobIndexStore on %s', (kind) => {
  let database: TestDatabase;
  let store: JobIndexStore;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createJobIndexStore(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  it('records when the index last caught up, keeps it across batches, and forgets it on a reset', async () => {
    await store.markCaughtUp(5);
    expect(await store.caughtUpAt()).toBeUndefined();
    await store.applyBatch({ cursor: { contract: MARKET, block: 20 }, jobs: [], events: [] });
    expect(await store.caughtUpAt()).toBeUndefined();
    await store.markCaughtUp(1_700_000_000_123);
    expect(await store.caughtUpAt()).toBe(1_700_000_000_123);
    await store.applyBatch({ cursor: { contract: MARKET, block: 30 }, jobs: [job(1)], events: [event(1, 25)] });
    expect(await store.caughtUpAt()).toBe(1_700_000_000_123);
    await store.reset();
    expect(await store.caughtUpAt()).toBeUndefined();
  });

  it('stores a batch with its cursor and reads jobs back exactly, amounts beyond 2^64 included', async () => {
    expect(await store.cursor()).toBeUndefined();
    const big = job(1, { fee: HUGE, gas: HUGE / 3n, state: 'verified', node: NODE, challengeEndsAt: 1_900_086_400, verdictDay: 21_999, resultRoot: `0x${'cd'.repeat(32)}` });
    expect(await store.applyBatch({ cursor: { contract: MARKET, block: 20 }, jobs: [big, job(2)], events: [event(1, 11), event(2, 12)] })).toBe('applied');
    expect(await store.cursor()).toEqual({ contract: MARKET, block: 20 });
    expect(await store.getJob(1n)).toEqual(big);
    expect(await store.getJob(3n)).toBeUndefined();
    expect(await store.eventsOf(1n)).toEqual([event(1, 11)]);
  });

  it('replaces a job on a later read but keeps the block it was posted in, and never duplicates events', async () => {
    await store.applyBatch({ cursor: { contract: MARKET, block: 20 }, jobs: [job(1)], events: [event(1, 11)] });
    const accepted = job(1, { state: 'accepted', node: NODE, deposit: 40n * GRID, postedBlock: 999, updatedBlock: 25 });
    await store.applyBatch({ cursor: { contract: MARKET, block: 30 }, jobs: [accepted], events: [event(1, 11), event(1, 25, 3)] });
    expect(await store.getJob(1n)).toEqual({ ...accepted, postedBlock: 11 });
    expect((await store.eventsOf(1n)).map((e) => [e.block, e.logIndex])).toEqual([[11, 0], [25, 3]]);
  });

  it('keeps when the index first stored each event (a later batch that re-reads it does not move it); events of a batch without the time have none', async () => {
    const T = 1_700_000_000_000;
    await store.applyBatch({ cursor: { contract: MARKET, block: 20 }, jobs: [job(1)], events: [event(1, 11)], indexedAt: T });
    await store.applyBatch({ cursor: { contract: MARKET, block: 30 }, jobs: [job(1)], events: [event(1, 11), event(1, 25, 3)], indexedAt: T + 5_000 });
    await store.applyBatch({ cursor: { contract: MARKET, block: 40 }, jobs: [job(1)], events: [event(1, 35)] });
    expect(await store.eventsOf(1n)).toEqual([{ ...event(1, 11), indexedAt: T }, { ...event(1, 25, 3), indexedAt: T + 5_000 }, event(1, 35)]);
  });

  it('keeps the hashes of the cursor block and of each event block, and lists the event blocks newest first', async () => {
    const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
    const hashed = (jobId: number, block: number, logIndex = 0) => ({ ...event(jobId, block, logIndex), blockHash: hash(block) });
    await store.applyBatch({ cursor: { contract: MARKET, block: 20, hash: hash(20) }, jobs: [job(1), job(2)], events: [hashed(1, 11), hashed(2, 12), hashed(1, 12, 1)] });
    expect(await store.cursor()).toEqual({ contract: MARKET, block: 20, hash: hash(20) });
    await store.applyBatch({ cursor: { contract: MARKET, block: 30 }, jobs: [], events: [event(2, 25)] });
    expect(await store.cursor()).toEqual({ contract: MARKET, block: 30 });
    await store.applyBatch({ cursor: { contract: MARKET, block: 40, hash: hash(40) }, jobs: [], events: [] });
    expect(await store.cursor()).toEqual({ contract: MARKET, block: 40, hash: hash(40) });
    expect(await store.eventsOf(1n)).toEqual([hashed(1, 11), hashed(1, 12, 1)]);
    expect(await store.indexedBlocks({ atOrBelow: 40, limit: 10 })).toEqual([{ block: 25, hash: null }, { block: 12, hash: hash(12) }, { block: 11, hash: hash(11) }]);
    expect(await store.indexedBlocks({ atOrBelow: 24, limit: 1 })).toEqual([{ block: 12, hash: hash(12) }]);
  });

  it('rewinds: drops later events and jobs posted later, stores the re-read jobs, moves the cursor back, and keeps the rest as it was', async () => {
    const T = 1_700_000_000_000;
    await store.applyBatch({ cursor: { contract: MARKET, block: 20 }, jobs: [job(1), job(2, { postedBlock: 15, updatedBlock: 20 })], events: [event(1, 11), event(2, 15)], indexedAt: T });
    await store.applyBatch({
      cursor: { contract: MARKET, block: 30, hash: `0x${'30'.repeat(32)}` },
      jobs: [job(1, { state: 'accepted', node: NODE, updatedBlock: 30 }), job(3, { postedBlock: 26, updatedBlock: 30 })],
      events: [event(1, 25), event(3, 26)],
      indexedAt: T + 1,
    });
    await store.markCaughtUp(T + 2);
    expect((await store.jobsUpdatedAfter(20)).map((j) => j.jobId)).toEqual([1n, 3n]);
    expect(await store.jobsUpdatedAfter(30)).toEqual([]);
    const reread = job(1, { updatedBlock: 15 });
    const from = { contract: MARKET, block: 30, hash: `0x${'30'.repeat(32)}` };
    expect(await store.rewind({ from, cursor: { contract: MARKET, block: 15, hash: `0x${'15'.repeat(32)}` }, jobs: [reread] })).toBe('applied');
    expect(await store.cursor()).toEqual({ contract: MARKET, block: 15, hash: `0x${'15'.repeat(32)}` });
    expect(await store.getJob(1n)).toEqual(reread);
    expect(await store.getJob(2n)).toEqual(job(2, { postedBlock: 15, updatedBlock: 20 }));
    expect(await store.getJob(3n)).toBeUndefined();
    expect(await store.eventsOf(1n)).toEqual([{ ...event(1, 11), indexedAt: T }]);
    expect(await store.eventsOf(2n)).toEqual([{ ...event(2, 15), indexedAt: T }]);
    expect(await store.eventsOf(3n)).toEqual([]);
    // Behind the head again: not current until a pass reads up to it.
    expect(await store.caughtUpAt()).toBeUndefined();
    // A pass after the rewind moves the cursor on again.
    expect(await store.applyBatch({ cursor: { contract: MARKET, block: 16 }, jobs: [], events: [] })).toBe('applied');
    const other = { contract: '0x00000000000000000000000000000000000000f2', block: 1 };
    await expect(store.rewind({ from: other, cursor: other, jobs: [] })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect((await store.cursor())?.block).toBe(16);
  });

  it('rewinds only from the cursor it was decided on: one from a moved cursor writes nothing and is stale', async () => {
    const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
    const at = (block: number, h: string | null = hash(block)) => ({ contract: MARKET, block, ...(h === null ? {} : { hash: h }) });
    await store.applyBatch({ cursor: at(20), jobs: [job(1)], events: [{ ...event(1, 11), blockHash: hash(11) }] });
    await store.applyBatch({ cursor: at(30), jobs: [job(2, { postedBlock: 25, updatedBlock: 30 })], events: [{ ...event(2, 25), blockHash: hash(25) }] });
    await store.markCaughtUp(5);
    const unchanged = async () => {
      expect(await store.cursor()).toEqual(at(30));
      expect(await store.getJob(2n)).toEqual(job(2, { postedBlock: 25, updatedBlock: 30 }));
      expect(await store.eventsOf(2n)).toHaveLength(1);
      expect(await store.caughtUpAt()).toBe(5);
    };
    // Another block, another hash, or no hash where one is stored: another replica moved the cursor.
    for (const from of [at(20), at(30, hash(31)), at(30, null)]) {
      expect(await store.rewind({ from, cursor: at(11), jobs: [] })).toBe('stale');
      await unchanged();
    }
    // A cursor stored without a hash is matched by a rewind from a cursor without one.
    await store.applyBatch({ cursor: at(40, null), jobs: [], events: [] });
    expect(await store.rewind({ from: at(40, null), cursor: at(11), jobs: [] })).toBe('applied');
    expect(await store.cursor()).toEqual(at(11));
    // After another replica's reset there is no cursor to rewind from.
    await store.reset();
    expect(await store.rewind({ from: at(11), cursor: at(5), jobs: [] })).toBe('stale');
    expect(await store.cursor()).toBeUndefined();
  });

  it('applies a batch only from the cursor its pass read on from (none: an empty index)', async () => {
    const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
    const at = (block: number) => ({ contract: MARKET, block, hash: hash(block) });
    const batch = (from: ReturnType<typeof at> | null, block: number, id: number) => store.applyBatch({ from, cursor: at(block), jobs: [job(id)], events: [event(id, block)] });
    expect(await batch(at(5), 20, 1)).toBe('stale');
    expect(await batch(null, 20, 1)).toBe('applied');
    // Another replica stored a first batch, read on, or rewound: a pass from what it had read stores nothing.
    for (const from of [null, at(19), { ...at(20), hash: hash(21) }]) expect(await batch(from, 30, 2)).toBe('stale');
    expect(await store.getJob(2n)).toBeUndefined();
    expect(await store.eventsOf(2n)).toEqual([]);
    expect(await batch(at(20), 30, 2)).toBe('applied');
    expect(await store.cursor()).toEqual(at(30));
    // After a reset only a batch for an empty index applies: one from the old cursor would leave the blocks below it unread.
    await store.reset();
    expect(await batch(at(30), 40, 3)).toBe('stale');
    expect(await store.cursor()).toBeUndefined();
    expect(await batch(null, 40, 3)).toBe('applied');
  });

  it('lists the distinct verdict days and the jobs of one day', async () => {
    const jobs = [
      job(1, { state: 'verified', node: NODE, verdictDay: 20_001 }),
      job(2, { state: 'slashed', node: NODE, verdictDay: 20_000 }),
      job(3, { state: 'settled', node: REQUESTER, verdictDay: 20_001 }),
      job(4),
    ];
    await store.applyBatch({ cursor: { contract: MARKET, block: 20 }, jobs, events: [] });
    expect(await store.verdictDays()).toEqual([20_000, 20_001]);
    expect(await store.verdictDays({ from: 20_001 })).toEqual([20_001]);
    expect((await store.jobsOfVerdictDay(20_001)).map((j) => [j.jobId, j.node])).toEqual([[1n, NODE], [3n, REQUESTER]]);
    expect(await store.jobsOfVerdictDay(19_999)).toEqual([]);
  });

  it('refuses to move the cursor back (a replica that indexed further wins) and refuses another contract until reset', async () => {
    await store.applyBatch({ cursor: { contract: MARKET, block: 30 }, jobs: [job(1, { state: 'settled' })], events: [] });
    expect(await store.applyBatch({ cursor: { contract: MARKET, block: 25 }, jobs: [job(1)], events: [event(1, 11)] })).toBe('stale');
    expect((await store.getJob(1n))?.state).toBe('settled');
    expect(await store.eventsOf(1n)).toEqual([]);
    await expect(store.applyBatch({ cursor: { contract: '0x00000000000000000000000000000000000000f2', block: 40 }, jobs: [], events: [] })).rejects.toMatchObject({ code: 'INTERNAL' });
    await store.reset();
    expect(await store.cursor()).toBeUndefined();
    expect(await store.getJob(1n)).toBeUndefined();
  });

  it('lists by state, requester and node, and pages each order without gaps or repeats', async () => {
    const jobs = Array.from({ length: 9 }, (_, i) =>
      job(i + 1, {
        fee: BigInt(10 + (i % 3)) * GRID, // three jobs share each fee per gas: ties break by id
        deadline: 1_900_000_000 + ((i * 7) % 5),
        state: i === 8 ? 'accepted' : 'posted',
        node: i === 8 ? NODE : null,
        requester: i % 2 ? REQUESTER : '0x00000000000000000000000000000000000000a2',
      }),
    );
    await store.applyBatch({ cursor: { contract: MARKET, block: 50 }, jobs, events: [] });
    const all = async (query: Parameters<JobIndexStore['listJobs']>[0]) => {
      const ids: number[] = [];
      let after: string | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await store.listJobs({ ...query, ...(after ? { after } : {}) });
        ids.push(...res.jobs.map((j) => Number(j.jobId)));
        if (!res.next) return ids;
        after = res.next;
      }
      throw new Error('did not end');
    };
    const open = jobs.filter((j) => j.state === 'posted');
    const byFee = [...open].sort((a, b) => Number(b.fee - a.fee) || Number(a.jobId - b.jobId)).map((j) => Number(j.jobId));
    const byDeadline = [...open].sort((a, b) => a.deadline - b.deadline || Number(a.jobId - b.jobId)).map((j) => Number(j.jobId));
    expect(await all({ state: 'posted', sort: 'fee-per-gas', limit: 2 })).toEqual(byFee);
    expect(await all({ state: 'posted', sort: 'deadline', limit: 3 })).toEqual(byDeadline);
    expect(await all({ sort: 'newest', limit: 4 })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await all({ node: NODE, sort: 'newest', limit: 10 })).toEqual([9]);
    expect(await all({ requester: REQUESTER, state: 'posted', sort: 'newest', limit: 10 })).toEqual([8, 6, 4, 2]);
  });

  it('refuses a cursor of another order with a typed error', async () => {
    await expect(store.listJobs({ sort: 'deadline', limit: 5, after: '0.5~3' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
