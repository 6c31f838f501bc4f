import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComputedBlock, RewardBlockStore } from '@tensorgrid/domain';
import { DIALECTS, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createRewardBlockStore } from '../src/reward-block-store';

const T0 = 1_700_000_000_000;
const DEV_A = '0x00000000000000000000000000000000000000aa';
const DEV_B = '0x00000000000000000000000000000000000000bb';
const DEV_C = '0x00000000000000000000000000000000000000cc';
const OWNER = '0x0000000000000000000000000000000000000a11';
const BIG = 123_456_789_012_345_678_901_234_567n;
const bytes32 = (id: string) => `0x${id.slice(2).padStart(64, '0')}`;

function computed(block: number, overrides: Partial<ComputedBlock> = {}): ComputedBlock {
  return {
    block,
    deviceEmission: BIG,
    computedAt: T0 + block,
    pools: [
      { pool: 'gpu', allowance: BIG - 100n, root: `0x${'11'.repeat(32)}`, total: BIG - 100n },
      { pool: 'cpu', allowance: 100n, root: null, total: 0n },
    ],
    leaves: [
      { block, pool: 'gpu', deviceId: DEV_A, beneficiary: bytes32(DEV_A), account: OWNER, weight: 10n, amount: BIG - 101n, proof: [`0x${'22'.repeat(32)}`] },
      { block, pool: 'gpu', deviceId: DEV_B, beneficiary: bytes32(DEV_B), account: DEV_B, weight: 1n, amount: 1n, proof: [] },
    ],
    misses: [{ block, deviceId: DEV_C, account: OWNER, failed: [{ code: 'uptime-streak-short', streakMs: 60_000, requiredMs: 18_000_000 }, { code: 'blocked' }] }],
    ...overrides,
  };
}

describe.each(DIALECTS)('RewardBlockStore on %s', (kind) => {
  let database: TestDatabase;
  let store: RewardBlockStore;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createRewardBlockStore(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  it('saves a block whole and reads back amounts beyond 2^64 exactly', async () => {
    expect(await store.saveComputedBlock(computed(7))).toEqual({ kind: 'saved' });
    const block = await store.getBlock(7);
    expect(block).toMatchObject({ block: 7, state: 'computed', deviceEmission: BIG, computedAt: T0 + 7, leafCount: 2, missCount: 1 });
    expect(block?.pools).toEqual([
      { pool: 'gpu', allowance: BIG - 100n, root: `0x${'11'.repeat(32)}`, total: BIG - 100n, txHash: null, postedAt: null },
      { pool: 'cpu', allowance: 100n, root: null, total: 0n, txHash: null, postedAt: null },
    ]);
    expect(await store.leavesOfBlock(7)).toEqual(computed(7).leaves);
    expect(await store.missesOfBlock(7)).toEqual(computed(7).misses);
    expect(await store.latestBlock()).toBe(7);
  });

  it('never rewrites a stored block: a second save reports it exists', async () => {
    await store.saveComputedBlock(computed(7));
    const again = await store.saveComputedBlock(computed(7, { leaves: [], misses: [], deviceEmission: 1n }));
    expect(again).toMatchObject({ kind: 'exists', block: { block: 7, deviceEmission: BIG, leafCount: 2 } });
    expect(await store.leavesOfBlock(7)).toHaveLength(2);
  });

  it('lets exactly one of concurrent writers of a block win', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => store.saveComputedBlock(computed(3))));
    expect(results.filter((r) => r.kind === 'saved')).toHaveLength(1);
    expect(await store.leavesOfBlock(3)).toHaveLength(2);
  });

  it('leaves nothing half-written when a write fails', async () => {
    const bad = computed(9, { leaves: [computed(9).leaves[0]!, computed(9).leaves[0]!] });
    await expect(store.saveComputedBlock(bad)).rejects.toThrow();
    expect(await store.getBlock(9)).toBeUndefined();
    expect(await store.leavesOfBlock(9)).toEqual([]);
    expect(await store.missesOfBlock(9)).toEqual([]);
  });

  it('marks pools posted; the block is posted once every pool with a root is, idempotently', async () => {
    await store.saveComputedBlock(computed(4, { pools: [...computed(4).pools.slice(0, 1), { pool: 'cpu', allowance: 100n, root: `0x${'33'.repeat(32)}`, total: 100n }] }));
    expect((await store.listUnposted(10)).map((b) => b.block)).toEqual([4]);
    const half = await store.markPoolPosted({ block: 4, pool: 'gpu', txHash: '0xaa', postedAt: T0 });
    expect(half?.state).toBe('computed');
    const done = await store.markPoolPosted({ block: 4, pool: 'cpu', txHash: '0xbb', postedAt: T0 + 1 });
    expect(done?.state).toBe('posted');
    await store.markPoolPosted({ block: 4, pool: 'gpu', txHash: '0xcc', postedAt: T0 + 2 });
    expect((await store.getBlock(4))?.pools.map((p) => [p.pool, p.txHash, p.postedAt])).toEqual([['gpu', '0xaa', T0], ['cpu', '0xbb', T0 + 1]]);
    expect(await store.listUnposted(10)).toEqual([]);
  });

  it('settles a block with no root at once', async () => {
    await store.saveComputedBlock(computed(5, { pools: [{ pool: 'gpu', allowance: 1n, root: null, total: 0n }, { pool: 'cpu', allowance: 1n, root: null, total: 0n }], leaves: [] }));
    expect((await store.getBlock(5))?.state).toBe('posted');
  });

  it('pages blocks newest first and finds an account by payee or device id', async () => {
    for (const b of [1, 2, 3, 10]) await store.saveComputedBlock(computed(b));
    expect((await store.listBlocks({ limit: 2 })).map((b) => b.block)).toEqual([10, 3]);
    expect((await store.listBlocks({ limit: 2, before: 3 })).map((b) => b.block)).toEqual([2, 1]);
    const owner = await store.leavesOfAccount(OWNER.toUpperCase().replace('0X', '0x'), { limit: 3 });
    expect(owner.map((l) => [l.block, l.deviceId])).toEqual([[10, DEV_A], [3, DEV_A], [2, DEV_A]]);
    expect((await store.leavesOfAccount(DEV_B, { limit: 10, before: 3 })).map((l) => l.block)).toEqual([2, 1]);
    // A co-staker of DEV_B: the owner's leaves and DEV_B's, merged newest block first.
    const withDevice = await store.leavesOfAccount(OWNER, { limit: 3, before: 10 }, [DEV_B.toUpperCase().replace('0X', '0x')]);
    expect(withDevice.map((l) => [l.block, l.deviceId])).toEqual([[3, DEV_A], [3, DEV_B], [2, DEV_A]]);
    expect((await store.leavesOfAccount(`0x${'99'.repeat(20)}`, { limit: 10 }, [DEV_A])).map((l) => l.block)).toEqual([10, 3, 2, 1]);
    expect((await store.missesOfAccount(OWNER, { limit: 10 })).map((m) => m.block)).toEqual([10, 3, 2, 1]);
    expect(await store.missesOfAccount(DEV_A, { limit: 10 })).toEqual([]);
    await expect(store.listBlocks({ limit: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
