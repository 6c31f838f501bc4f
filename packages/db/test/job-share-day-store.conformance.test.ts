import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComputedJobShareDay, JobShareDayStore } from '@tensorgrid/domain';
import { DIALECTS, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createJobShareDayStore } from '../src/job-share-day-store';

const T0 = 1_700_000_000_000;
const NODE_A = '0x00000000000000000000000000000000000000aa';
const NODE_B = '0x00000000000000000000000000000000000000bb';
const BIG = 123_456_789_012_345_678_901_234_567n;
const bytes32 = (id: string) => `0x${id.slice(2).padStart(64, '0')}`;
const ROOT = `0x${'11'.repeat(32)}`;

function computed(day: number, overrides: Partial<ComputedJobShareDay> = {}): ComputedJobShareDay {
  return {
    day,
    allowance: BIG,
    totalShares: 2n ** 70n,
    chainBlock: 1_000 + day,
    root: ROOT,
    total: BIG,
    computedAt: T0 + day,
    leaves: [
      { day, node: NODE_A, beneficiary: bytes32(NODE_A), shares: 2n ** 70n - 1n, amount: BIG - 1n, proof: [`0x${'22'.repeat(32)}`] },
      { day, node: NODE_B, beneficiary: bytes32(NODE_B), shares: 1n, amount: 1n, proof: [] },
    ],
    ...overrides,
  };
}

describe.each(DIALECTS)('JobShareDayStore on %s', (kind) => {
  let database: TestDatabase;
  let store: JobShareDayStore;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createJobShareDayStore(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  it('saves a day whole and reads back amounts beyond 2^64 exactly', async () => {
    expect(await store.saveComputedDay(computed(20_000))).toEqual({ kind: 'saved' });
    expect(await store.getDay(20_000)).toEqual({
      day: 20_000, state: 'computed', allowance: BIG, totalShares: 2n ** 70n, chainBlock: 21_000, root: ROOT, total: BIG, leafCount: 2, computedAt: T0 + 20_000, txHash: null, postedAt: null,
    });
    expect(await store.leavesOfDay(20_000)).toEqual(computed(20_000).leaves);
    expect(await store.getDay(1)).toBeUndefined();
  });

  it('never rewrites a stored day, and of concurrent writers exactly one wins', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => store.saveComputedDay(computed(7))));
    expect(results.filter((r) => r.kind === 'saved')).toHaveLength(1);
    const again = await store.saveComputedDay(computed(7, { leaves: [], total: 1n }));
    expect(again).toMatchObject({ kind: 'exists', day: { day: 7, total: BIG, leafCount: 2 } });
    expect(await store.leavesOfDay(7)).toHaveLength(2);
  });

  it('leaves nothing half-written when a write fails', async () => {
    const bad = computed(9, { leaves: [computed(9).leaves[0]!, computed(9).leaves[0]!] });
    await expect(store.saveComputedDay(bad)).rejects.toThrow();
    expect(await store.getDay(9)).toBeUndefined();
    expect(await store.leavesOfDay(9)).toEqual([]);
  });

  it('keeps a computed day pending until its root is marked posted, idempotently', async () => {
    await store.saveComputedDay(computed(4));
    await store.saveComputedDay(computed(3));
    expect((await store.listUnposted(10)).map((d) => d.day)).toEqual([3, 4]);
    expect(await store.markDayPosted({ day: 4, txHash: '0xaa', postedAt: T0 })).toMatchObject({ state: 'posted', txHash: '0xaa', postedAt: T0 });
    expect(await store.markDayPosted({ day: 4, txHash: '0xbb', postedAt: T0 + 1 })).toMatchObject({ state: 'posted', txHash: '0xaa', postedAt: T0 });
    expect((await store.listUnposted(10)).map((d) => d.day)).toEqual([3]);
    expect(await store.markDayPosted({ day: 99, txHash: '0xaa', postedAt: T0 })).toBeUndefined();
  });

  it('stores a day without a root as empty, which is never posted', async () => {
    await store.saveComputedDay(computed(5, { root: null, total: 0n, totalShares: 0n, leaves: [] }));
    expect(await store.getDay(5)).toMatchObject({ state: 'empty', root: null, total: 0n, leafCount: 0 });
    expect(await store.listUnposted(10)).toEqual([]);
    expect((await store.markDayPosted({ day: 5, txHash: '0xaa', postedAt: T0 }))?.state).toBe('empty');
  });

  it('pages days newest first, says which days are stored, and finds the leaves of a node', async () => {
    for (const d of [1, 2, 3, 10]) await store.saveComputedDay(computed(d));
    expect((await store.listDays({ limit: 2 })).map((d) => d.day)).toEqual([10, 3]);
    expect((await store.listDays({ limit: 2, before: 3 })).map((d) => d.day)).toEqual([2, 1]);
    expect(await store.storedDays([10, 4, 1, 2])).toEqual([1, 2, 10]);
    expect(await store.storedDays([])).toEqual([]);
    const leaves = await store.leavesOfNode(NODE_A.toUpperCase().replace('0X', '0x'), { limit: 3 });
    expect(leaves.map((l) => l.day)).toEqual([10, 3, 2]);
    expect((await store.leavesOfNode(NODE_B, { limit: 10, before: 3 })).map((l) => [l.day, l.amount])).toEqual([[2, 1n], [1, 1n]]);
    await expect(store.listDays({ limit: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
