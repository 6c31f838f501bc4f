import type { JobSort, JobState } from '@tensorgrid/protocol';

/**
 * A job as the index stores it: the JobMarket's `getJob` read at `updatedBlock`. Amounts
 * are GRID base units; addresses are lower-case, null where the contract holds zero.
 */
export interface IndexedJob {
  jobId: bigint;
  state: JobState;
  requester: string;
  node: string | null;
  verifier: string | null;
  whistleblower: string | null;
  specHash: string;
  resultRoot: string | null;
  evidence: string | null;
  fee: bigint;
  gas: bigint;
  deposit: bigint;
  bond: bigint;
  /** Unix seconds. */
  deadline: number;
  /** Unix seconds; null until a pass. */
  challengeEndsAt: number | null;
  /** Days since the Unix epoch of a passing verdict; null until then. */
  verdictDay: number | null;
  /** The block of its JobPosted event, or, for a job posted before the index's first block, of the first event of it the index read. */
  postedBlock: number;
  /** The block it was read at. */
  updatedBlock: number;
}

/** One JobMarket event, decoded; integer arguments as decimal strings. */
export interface JobEventRecord {
  jobId: bigint;
  name: string;
  block: number;
  logIndex: number;
  txHash: string;
  args: Record<string, string | boolean>;
  /** The hash of its block (lower-case hex): the index rewinds past it once the chain no longer holds that block. Absent on events stored before it was recorded. */
  blockHash?: string;
  /** When the index first stored it (ms), as read back from the index; absent on the chain's own events and on events stored before it was recorded. */
  indexedAt?: number;
}

/** Where the index has read up to, for which contract. */
export interface JobIndexCursor {
  contract: string;
  block: number;
  /** The hash of `block` as the pass that stored it read it (lower-case hex): a chain that now holds another block there was reorganised. Absent on cursors stored before it was recorded. */
  hash?: string;
}

/** A block the index holds events of, with the hash they were read with (null for events stored before hashes were). */
export interface IndexedBlock {
  block: number;
  hash: string | null;
}

/** What a rewind writes: the cursor moved back to a block the chain still holds, and the jobs re-read as of it. */
export interface JobIndexRewind {
  /** The stored cursor the rewind was decided from: the store rewinds only while it still holds it. */
  from: JobIndexCursor;
  cursor: JobIndexCursor;
  /** Every job posted at or before `cursor.block` that a pass after it had updated, read again as of `cursor.block`. */
  jobs: IndexedJob[];
}

/** What one indexing pass writes: jobs as read at `cursor.block`, the events up to it, and the cursor. */
export interface JobIndexBatch {
  /**
   * The stored cursor the pass read on from, null for an empty index: the batch applies only
   * while the store still holds it. Omitted, it applies whenever it ends past the stored cursor.
   */
  from?: JobIndexCursor | null;
  cursor: JobIndexCursor;
  jobs: IndexedJob[];
  events: JobEventRecord[];
  /** When the pass ran (ms): each event it adds is stored with it (`JobEventRecord.indexedAt`); events it re-reads keep theirs. */
  indexedAt?: number;
}

/** A page of the job list. `after` is the `next` cursor of the previous page. */
export interface JobListQuery {
  state?: JobState;
  requester?: string;
  node?: string;
  sort: JobSort;
  limit: number;
  after?: string;
}

/**
 * The job index's storage. A batch is written in one transaction with the cursor, so a
 * crash mid-pass leaves the index at the previous cursor and the pass is simply redone
 * (jobs are replaced, events are keyed by block and log index).
 */
export interface JobIndexStore {
  /** The cursor, or undefined before the first batch. */
  cursor(): Promise<JobIndexCursor | undefined>;
  /**
   * Writes a batch atomically. It applies only from its `from` cursor (or, without one, only
   * past the stored cursor: the cursor never moves back); else another replica read further,
   * rewound or reset first, and it writes nothing and is `stale`. The cursor is compared and set
   * in one statement, so replicas without a tick lock never both apply.
   * @throws {BaseError} INTERNAL when the index holds another contract (reset it first)
   */
  applyBatch(batch: JobIndexBatch): Promise<'applied' | 'stale'>;
  /** Forgets every job, event and the cursor (the contract changed, or the chain was reset). */
  reset(): Promise<void>;
  /** The distinct blocks with events at or below `atOrBelow`, newest first, at most `limit` of them. */
  indexedBlocks(query: { atOrBelow: number; limit: number }): Promise<IndexedBlock[]>;
  /** The jobs whose stored reading is of a block after `block` (a rewind must re-read or drop them). */
  jobsUpdatedAfter(block: number): Promise<IndexedJob[]>;
  /**
   * Moves the cursor back after a reorganisation, atomically: drops every event after
   * `cursor.block` and every job posted after it, stores the re-read jobs, and forgets when the
   * index last caught up (it is behind the head again). Events at or before it keep when the
   * index first stored them. Only while the stored cursor is still `from` (contract, block and hash),
   * compared and set in one statement: else another replica rewound, reset or read on since,
   * and the rewind writes nothing and is `stale`.
   * @throws {BaseError} INTERNAL when the index holds another contract
   */
  rewind(rewind: JobIndexRewind): Promise<'applied' | 'stale'>;
  /** Records that a pass read up to the chain's head at `at` (ms); nothing before the first batch. */
  markCaughtUp(at: number): Promise<void>;
  /** When a pass last read up to the head, shared by the replicas; undefined before any did (or since a reset). */
  caughtUpAt(): Promise<number | undefined>;
  /** A page of jobs in the query's order, and the cursor of the next page (null on the last). */
  listJobs(query: JobListQuery): Promise<{ jobs: IndexedJob[]; next: string | null }>;
  getJob(jobId: bigint): Promise<IndexedJob | undefined>;
  /** A job's events, oldest first. */
  eventsOf(jobId: bigint): Promise<JobEventRecord[]>;
  /** The distinct UTC days of passing verdicts, ascending, from `from` on (inclusive). */
  verdictDays(query?: { from?: number }): Promise<number[]>;
  /** Every job whose passing verdict fell on this UTC day, by job id. */
  jobsOfVerdictDay(day: number): Promise<IndexedJob[]>;
}

/**
 * fee ÷ gas as a float for ordering: exact to 15 significant digits, which is all an order
 * needs (the amounts themselves stay exact bigints).
 * @param job - fee and gas in base units (gas > 0 on chain)
 */
export function feePerGas(job: Pick<IndexedJob, 'fee' | 'gas'>): number {
  if (job.gas === 0n) return 0;
  const scale = 10n ** 18n;
  return Number((job.fee * scale) / job.gas) / 1e18;
}
