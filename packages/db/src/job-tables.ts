/**
 * The job-index tables (migration 0005). Amounts are decimal strings of base units; times are
 * Unix seconds as the contract keeps them; `args` is JSON text.
 */
export interface JobsTable {
  job_id: number;
  state: string;
  requester: string;
  node: string | null;
  verifier: string | null;
  whistleblower: string | null;
  spec_hash: string;
  result_root: string | null;
  evidence: string | null;
  fee: string;
  gas: string;
  fee_per_gas: number;
  deposit: string;
  bond: string;
  deadline: number;
  challenge_ends_at: number | null;
  verdict_day: number | null;
  posted_block: number;
  updated_block: number;
}

/** One JobMarket event. */
export interface JobEventsTable {
  block: number;
  log_index: number;
  job_id: number;
  name: string;
  tx_hash: string;
  args: string;
  /** When the index first stored it (ms; migration 0018); null for events stored before. */
  indexed_at: number | null;
  /** The hash of its block (migration 0019); null for events stored before. */
  block_hash: string | null;
}

/** The single cursor row (id 1). */
export interface JobIndexCursorTable {
  id: number;
  contract: string;
  block: number;
  /** When a pass last found nothing left to read up to the head (ms; migration 0016); null before. */
  caught_up_at: number | null;
  /** The hash of `block` as its pass read it (migration 0019); null before. */
  block_hash: string | null;
}

/** The job-index tables by name. */
export interface JobTables {
  jobs: JobsTable;
  job_events: JobEventsTable;
  job_index_cursor: JobIndexCursorTable;
}
