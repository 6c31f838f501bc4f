import { POOL_NUMBER, type RewardBlockRecord, type RewardLeafRecord, type RewardMissRecord } from '@tensorgrid/domain';
import type { RewardBlockSummary, RewardLeafView, RewardMissView } from '@tensorgrid/protocol';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A stored block as the API shows it.
 * @param record - the stored block
 */
export function toRewardBlockSummary(record: RewardBlockRecord): RewardBlockSummary {
  return {
    block: record.block,
    state: record.state,
    deviceEmission: record.deviceEmission.toString(),
    computedAt: iso(record.computedAt),
    leafCount: record.leafCount,
    missCount: record.missCount,
    pools: record.pools.map((p) => ({
      pool: p.pool,
      poolNumber: POOL_NUMBER[p.pool],
      allowance: p.allowance.toString(),
      root: p.root,
      total: p.total.toString(),
      txHash: p.txHash !== null && p.txHash.length === 66 ? p.txHash : null,
      postedAt: p.postedAt === null ? null : iso(p.postedAt),
    })),
  };
}

/**
 * A stored leaf as the API shows it.
 * @param leaf - the stored leaf
 */
export function toRewardLeafView(leaf: RewardLeafRecord): RewardLeafView {
  return {
    block: leaf.block,
    pool: leaf.pool,
    poolNumber: POOL_NUMBER[leaf.pool],
    deviceId: leaf.deviceId,
    beneficiary: leaf.beneficiary,
    account: leaf.account,
    weight: leaf.weight.toString(),
    amount: leaf.amount.toString(),
    proof: leaf.proof,
  };
}

/**
 * A stored miss as the API shows it.
 * @param miss - the stored miss
 */
export function toRewardMissView(miss: RewardMissRecord): RewardMissView {
  return { block: miss.block, deviceId: miss.deviceId, account: miss.account, failed: miss.failed };
}
