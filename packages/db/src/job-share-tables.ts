/**
 * The job-share tables (migration 0007). Amounts are decimal strings of base units (bigint-safe
 * in both dialects); proofs are JSON text; times are integer ms.
 */
export interface JobShareDaysTable {
  day: number;
  state: 'computed' | 'posted' | 'empty';
  allowance: string;
  total_shares: string;
  chain_block: number;
  root: string | null;
  total: string;
  leaf_count: number;
  computed_at: number;
  tx_hash: string | null;
  posted_at: number | null;
}

/** One node's payout of a day. */
export interface JobShareLeavesTable {
  day: number;
  node: string;
  beneficiary: string;
  shares: string;
  amount: string;
  proof: string;
}

/** The job-share tables as Kysely sees them. */
export interface JobShareTables {
  job_share_days: JobShareDaysTable;
  job_share_leaves: JobShareLeavesTable;
}
