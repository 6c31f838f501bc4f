import type { RewardBlockStore } from '@tensorgrid/domain';
import type { RewardHistorySource } from '../explorer/reward-history-source';

/**
 * The explorer's reward history of a device, from the stored reward blocks: its leaves,
 * newest block first (below `before` when given), with when their pool's root went on chain.
 * @param store - the reward block store
 */
export function rewardHistoryFromBlocks(store: Pick<RewardBlockStore, 'leavesOfAccount' | 'getBlock'>): RewardHistorySource {
  return {
    async rewardsOf(deviceId, query) {
      const leaves = (await store.leavesOfAccount(deviceId, { limit: query.limit, before: query.before })).filter((leaf) => leaf.deviceId === deviceId);
      const blocks = new Map<number, Awaited<ReturnType<typeof store.getBlock>>>();
      for (const block of new Set(leaves.map((l) => l.block))) blocks.set(block, await store.getBlock(block));
      return leaves.map((leaf) => ({
        epoch: String(leaf.block),
        pool: leaf.pool,
        amount: leaf.amount,
        postedAt: blocks.get(leaf.block)?.pools.find((p) => p.pool === leaf.pool)?.postedAt ?? null,
      }));
    },
  };
}
