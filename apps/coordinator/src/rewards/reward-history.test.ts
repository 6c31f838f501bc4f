import { createRewardBlockStore } from '@tensorgrid/db';
import type { RewardBlockStore, RewardLeafRecord } from '@tensorgrid/domain';
import { openTestDatabase, type TestDatabase } from '@tensorgrid/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rewardHistoryFromBlocks } from './reward-history';

const DEVICE = `0x${'aa'.repeat(20)}`;
const OTHER = `0x${'bb'.repeat(20)}`;
const OWNER = `0x${'cc'.repeat(20)}`;

const leaf = (block: number, deviceId: string, amount: bigint): RewardLeafRecord => ({
  block, pool: 'gpu', deviceId, beneficiary: `0x${deviceId.slice(2).padStart(64, '0')}`, account: OWNER, weight: amount, amount, proof: [],
});

/** Stores a block whose GPU pool pays `leaves` (and whose CPU pool pays nothing). */
async function saveBlock(store: RewardBlockStore, block: number, leaves: RewardLeafRecord[]): Promise<void> {
  const total = leaves.reduce((sum, l) => sum + l.amount, 0n);
  await store.saveComputedBlock({
    block, deviceEmission: 1000n, computedAt: block * 1000,
    pools: [{ pool: 'gpu', allowance: 950n, root: `0x${String(block).padStart(64, '0')}`, total }, { pool: 'cpu', allowance: 50n, root: null, total: 0n }],
    leaves, misses: [],
  });
}

describe('rewardHistoryFromBlocks (SQLite reward block store)', () => {
  let database: TestDatabase;
  let store: RewardBlockStore;
  beforeEach(async () => {
    database = await openTestDatabase('sqlite');
    store = createRewardBlockStore(database.db);
    await saveBlock(store, 1, [leaf(1, DEVICE, 400n), leaf(1, OTHER, 550n)]);
    await saveBlock(store, 2, [leaf(2, OTHER, 950n)]);
    await saveBlock(store, 3, [leaf(3, DEVICE, 300n), leaf(3, OTHER, 650n)]);
    await saveBlock(store, 4, [leaf(4, DEVICE, 950n)]);
    await store.markPoolPosted({ block: 3, pool: 'gpu', txHash: `0x${'77'.repeat(32)}`, postedAt: 3_500 });
  });
  afterEach(async () => database.close());

  it("lists only the device's own rewards, newest block first, with when their root went on chain", async () => {
    const history = rewardHistoryFromBlocks(store);
    expect(await history.rewardsOf(DEVICE, { limit: 10 })).toEqual([
      { epoch: '4', pool: 'gpu', amount: 950n, postedAt: null },
      { epoch: '3', pool: 'gpu', amount: 300n, postedAt: 3_500 },
      { epoch: '1', pool: 'gpu', amount: 400n, postedAt: null },
    ]);
    expect((await history.rewardsOf(OTHER, { limit: 10 })).map((r) => [r.epoch, r.amount])).toEqual([['3', 650n], ['2', 950n], ['1', 550n]]);
  });

  it('pages by block: at most limit, and only blocks below before', async () => {
    const history = rewardHistoryFromBlocks(store);
    expect((await history.rewardsOf(DEVICE, { limit: 2 })).map((r) => r.epoch)).toEqual(['4', '3']);
    expect((await history.rewardsOf(DEVICE, { limit: 2, before: 3 })).map((r) => r.epoch)).toEqual(['1']);
    expect(await history.rewardsOf(DEVICE, { limit: 2, before: 1 })).toEqual([]);
  });

  it('answers nothing for a device without rewards', async () => {
    expect(await rewardHistoryFromBlocks(store).rewardsOf(`0x${'dd'.repeat(20)}`, { limit: 10 })).toEqual([]);
  });
});
