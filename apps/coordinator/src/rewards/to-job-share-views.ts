import { JOB_SHARE_DAY_SECONDS, type JobShareDayRecord, type JobShareLeafRecord } from '@tensorgrid/domain';
import type { JobShareDaySummary, JobShareLeafView } from '@tensorgrid/protocol';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A stored job-share day as the API shows it.
 * @param record - the stored day
 */
export function toJobShareDaySummary(record: JobShareDayRecord): JobShareDaySummary {
  return {
    day: record.day,
    startsAt: iso(record.day * JOB_SHARE_DAY_SECONDS * 1000),
    state: record.state,
    poolNumber: 2,
    allowance: record.allowance.toString(),
    totalShares: record.totalShares.toString(),
    chainBlock: record.chainBlock,
    root: record.root,
    total: record.total.toString(),
    leafCount: record.leafCount,
    computedAt: iso(record.computedAt),
    txHash: record.txHash !== null && record.txHash.length === 66 ? record.txHash : null,
    postedAt: record.postedAt === null ? null : iso(record.postedAt),
  };
}

/**
 * A stored job-share leaf as the API shows it.
 * @param leaf - the stored leaf
 */
export function toJobShareLeafView(leaf: JobShareLeafRecord): JobShareLeafView {
  return { day: leaf.day, poolNumber: 2, node: leaf.node, beneficiary: leaf.beneficiary, shares: leaf.shares.toString(), amount: leaf.amount.toString(), proof: leaf.proof };
}
