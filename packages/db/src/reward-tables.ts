/**
 * The block-reward tables. Amounts are decimal strings of base units (bigint-safe in both
 * dialects); criteria and proofs are JSON text; times are integer ms.
 */
export interface RewardBlocksTable {
  block: number;
  state: 'computed' | 'posted';
  device_emission: string;
  computed_at: number;
  leaf_count: number;
  miss_count: number;
}

/** One pool's root of a block (pool: 'gpu' or 'cpu'). */
export interface RewardPoolRootsTable {
  block: number;
  pool: 'gpu' | 'cpu';
  allowance: string;
  root: string | null;
  total: string;
  tx_hash: string | null;
  posted_at: number | null;
}

/** One device's payout in a block. */
export interface RewardLeavesTable {
  block: number;
  pool: 'gpu' | 'cpu';
  device_id: string;
  beneficiary: string;
  account: string;
  weight: string;
  amount: string;
  proof: string;
}

/** A device that missed a block, with its failed criteria (JSON). */
export interface RewardMissesTable {
  block: number;
  device_id: string;
  account: string;
  failed: string;
}

/** The block-reward tables as Kysely sees them. */
export interface RewardTables {
  reward_blocks: RewardBlocksTable;
  reward_pool_roots: RewardPoolRootsTable;
  reward_leaves: RewardLeavesTable;
  reward_misses: RewardMissesTable;
}
