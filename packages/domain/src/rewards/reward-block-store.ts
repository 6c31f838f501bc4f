import type { MissCriterion } from './nomination';
import type { DevicePool } from './split-block-rewards';

/** A block's state: computed (stored, roots not all on chain yet) or posted (every root on chain). */
export type RewardBlockState = 'computed' | 'posted';

/** One pool's root of a block. A pool without nominees has no root and is not posted. */
export interface RewardPoolRoot {
  pool: DevicePool;
  /** The pool's allowance for the block (base units). */
  allowance: bigint;
  /** The Merkle root, or null when the pool paid nothing. */
  root: string | null;
  /** The sum of its leaves (0 without a root). */
  total: bigint;
  /** The postRoot transaction, once posted. */
  txHash: string | null;
  postedAt: number | null;
}

/** A computed block, as stored. Times are ms since the Unix epoch. */
export interface RewardBlockRecord {
  block: number;
  state: RewardBlockState;
  /** The block's device emission (both pools), base units. */
  deviceEmission: bigint;
  computedAt: number;
  pools: RewardPoolRoot[];
  /** How many devices earned and how many missed. */
  leafCount: number;
  missCount: number;
}

/** One device's payout in a block, with what a claim needs. */
export interface RewardLeafRecord {
  block: number;
  pool: DevicePool;
  deviceId: string;
  /** The leaf's beneficiary: the device id as bytes32. */
  beneficiary: string;
  /** Who the device's rewards are paid to (its owner on Staking when the block was built), lower-case. */
  account: string;
  weight: bigint;
  amount: bigint;
  /** The Merkle proof under the pool's root. */
  proof: string[];
}

/** A device that was not nominated for a block, and why. */
export interface RewardMissRecord {
  block: number;
  deviceId: string;
  account: string;
  failed: MissCriterion[];
}

/** What {@link RewardBlockStore.saveComputedBlock} writes, all at once. */
export interface ComputedBlock {
  block: number;
  deviceEmission: bigint;
  computedAt: number;
  pools: Omit<RewardPoolRoot, 'txHash' | 'postedAt'>[];
  leaves: RewardLeafRecord[];
  misses: RewardMissRecord[];
}

/** Result of {@link RewardBlockStore.saveComputedBlock}. */
export type SaveComputedBlockResult = { kind: 'saved' } | { kind: 'exists'; block: RewardBlockRecord };

/** Page query by block, newest first. */
export interface RewardPageQuery {
  /** 1..1000. */
  limit: number;
  /** Only blocks below this one (keyset pagination). */
  before?: number;
}

/**
 * Port: computed reward blocks, their leaves and misses. A block is written whole in one
 * transaction (never half) and never rewritten; only its roots' posting is recorded after.
 * Conformance suites run on SQLite and PostgreSQL.
 */
export interface RewardBlockStore {
  /** Writes a block with its pools, leaves and misses atomically; a block already stored is left as it is. */
  saveComputedBlock(block: ComputedBlock): Promise<SaveComputedBlockResult>;
  /** Records a pool's root as posted; the block becomes `posted` once every pool with a root is. Idempotent. */
  markPoolPosted(input: { block: number; pool: DevicePool; txHash: string; postedAt: number }): Promise<RewardBlockRecord | undefined>;
  getBlock(block: number): Promise<RewardBlockRecord | undefined>;
  /** Blocks newest first. */
  listBlocks(query: RewardPageQuery): Promise<RewardBlockRecord[]>;
  /** Blocks still `computed`, oldest first, at most `limit`. */
  listUnposted(limit: number): Promise<RewardBlockRecord[]>;
  /** The highest stored block, or undefined. */
  latestBlock(): Promise<number | undefined>;
  /** A block's leaves, by pool then device id. */
  leavesOfBlock(block: number): Promise<RewardLeafRecord[]>;
  /** A block's misses, by device id. */
  missesOfBlock(block: number): Promise<RewardMissRecord[]>;
  /**
   * An account's leaves (it is the payee, or the device id), and those of `devices` (e.g. the
   * devices it co-stakes on), newest block first.
   */
  leavesOfAccount(account: string, query: RewardPageQuery, devices?: readonly string[]): Promise<RewardLeafRecord[]>;
  /** An account's misses, newest block first. */
  missesOfAccount(account: string, query: RewardPageQuery): Promise<RewardMissRecord[]>;
}
