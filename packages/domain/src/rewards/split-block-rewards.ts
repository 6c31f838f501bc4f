import { BaseError } from '@tensorgrid/protocol';
import { splitProportionally } from './split-proportionally';

/** The two device pools of a block, as the Rewards contract numbers them (0 GPU, 1 CPU). */
export type DevicePool = 'gpu' | 'cpu';
/** The on-chain pool number of a device pool. */
export const POOL_NUMBER: Readonly<Record<DevicePool, 0 | 1>> = { gpu: 0, cpu: 1 };

/** A nominated device and its weight in its pool ({@link rewardWeight}). */
export interface Nominee {
  deviceId: string;
  pool: DevicePool;
  weight: bigint;
}

/** One payout of a block. */
export interface BlockLeaf {
  deviceId: string;
  pool: DevicePool;
  weight: bigint;
  /** Base units, above 0. */
  amount: bigint;
}

/** The split policy. */
export interface SplitPolicy {
  /** The GPU pool's share of the block's device emission, basis points (the CPU pool gets the rest). @default 9,500 */
  gpuPoolBps: bigint;
}

/** The default split: 95% GPU, 5% CPU, as the Rewards contract's allowances. */
export const DEFAULT_SPLIT_POLICY: SplitPolicy = { gpuPoolBps: 9_500n };

/** One pool of a split block. */
export interface PoolSplit {
  /** The pool's share of the block: `floor(amount × gpuPoolBps / 10,000)` for GPU, the rest for CPU. */
  allowance: bigint;
  /** Its leaves, by device id; they sum to `allowance` exactly, or there are none. */
  leaves: BlockLeaf[];
  /** What is not paid: the whole allowance when the pool has no nominee with weight, else 0. */
  unallocated: bigint;
}

/** Result of {@link splitBlockRewards}. */
export interface BlockRewardSplit {
  gpu: PoolSplit;
  cpu: PoolSplit;
}

const BPS = 10_000n;

/**
 * Splits a block's device emission between the GPU and CPU pools and, inside each pool, between
 * the nominees in proportion to their weights, in exact integer arithmetic:
 *
 * - pools: GPU `floor(amount × gpuPoolBps / 10,000)`, CPU the rest (the contract's allowances);
 * - leaves: `floor(pool × weight / total weight)` each; the remainder (fewer wei than nominees)
 *   goes one wei at a time to the largest fractional parts, ties by device id ascending
 *   (Hamilton's largest-remainder method), so the leaves sum to the pool exactly;
 * - leaves that come to 0 are dropped (a zero leaf cannot be claimed);
 * - an empty pool (no nominee, or all weights 0) pays nothing: its allowance is reported as
 *   `unallocated` and is never minted. It cannot roll over: the contract caps every block's pool
 *   at its own allowance, and GRID is minted only on claims under a posted root.
 *
 * The result depends only on the set of nominees, not on their order.
 * @param amount - the block's device emission (emission minus the job-share slice), base units
 * @param nominees - nominated devices with their pools and weights; each device once
 * @param policy - the pool split @default DEFAULT_SPLIT_POLICY
 * @throws BaseError VALIDATION_FAILED on a negative amount or weight, a bad share or a repeated device
 */
export function splitBlockRewards(amount: bigint, nominees: readonly Nominee[], policy: SplitPolicy = DEFAULT_SPLIT_POLICY): BlockRewardSplit {
  if (amount < 0n) throw invalid('A block amount cannot be negative', { amount: amount.toString() });
  if (policy.gpuPoolBps < 0n || policy.gpuPoolBps > BPS) throw invalid('The GPU pool share is 0..10,000 basis points', { gpuPoolBps: policy.gpuPoolBps.toString() });
  const seen = new Set<string>();
  for (const n of nominees) {
    if (n.weight < 0n) throw invalid('A weight cannot be negative', { deviceId: n.deviceId });
    if (seen.has(n.deviceId)) throw invalid('A device is nominated twice', { deviceId: n.deviceId });
    seen.add(n.deviceId);
  }
  const gpu = (amount * policy.gpuPoolBps) / BPS;
  return {
    gpu: splitPool(gpu, nominees.filter((n) => n.pool === 'gpu')),
    cpu: splitPool(amount - gpu, nominees.filter((n) => n.pool === 'cpu')),
  };
}

function splitPool(allowance: bigint, nominees: readonly Nominee[]): PoolSplit {
  const pool = nominees[0]?.pool;
  const parts = splitProportionally(allowance, nominees.map((n) => ({ id: n.deviceId, weight: n.weight })));
  if (pool === undefined || parts.length === 0) return { allowance, leaves: [], unallocated: allowance };
  return { allowance, leaves: parts.map((p) => ({ deviceId: p.id, pool, weight: p.weight, amount: p.amount })), unallocated: 0n };
}

function invalid(message: string, data: Record<string, unknown>): BaseError {
  return new BaseError('VALIDATION_FAILED', message, { data });
}
