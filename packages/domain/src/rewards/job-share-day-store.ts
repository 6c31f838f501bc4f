/**
 * A settled day's state: `computed` (stored, root not on chain yet), `posted` (root on chain)
 * or `empty` (nothing to pay: no shares left or no allowance; nothing is posted).
 */
export type JobShareDayState = 'computed' | 'posted' | 'empty';

/** A UTC day's job-share rewards, as stored. Times are ms since the Unix epoch. */
export interface JobShareDayRecord {
  /** The UTC day (`floor(unixSeconds / 86400)`), the Rewards epoch of pool 2. */
  day: number;
  state: JobShareDayState;
  /** The day's allowance of pool 2 (base units). */
  allowance: bigint;
  /** JobMarket's `totalSharesOf(day)` at `chainBlock`. */
  totalShares: bigint;
  /** The chain block the shares were read at. */
  chainBlock: number;
  /** The Merkle root, or null when the day pays nothing. */
  root: string | null;
  /** The sum of the leaves (0 without a root). */
  total: bigint;
  leafCount: number;
  computedAt: number;
  /** The postRoot transaction, once posted. */
  txHash: string | null;
  postedAt: number | null;
}

/** One node's payout of a day, with what a claim needs. */
export interface JobShareLeafRecord {
  day: number;
  /** The node's address, lower-case. */
  node: string;
  /** The leaf's beneficiary: the node's address as bytes32. */
  beneficiary: string;
  shares: bigint;
  amount: bigint;
  /** The Merkle proof under the day's root. */
  proof: string[];
}

/** What {@link JobShareDayStore.saveComputedDay} writes, all at once. */
export type ComputedJobShareDay = Omit<JobShareDayRecord, 'state' | 'leafCount' | 'txHash' | 'postedAt'> & { leaves: JobShareLeafRecord[] };

/** Page query by day, newest first. */
export interface JobShareDayPageQuery {
  /** 1..1000. */
  limit: number;
  /** Only days below this one (keyset pagination). */
  before?: number;
}

/**
 * Port: settled days of job shares and their leaves. A day is written whole in one transaction
 * and never rewritten; only its root's posting is recorded after, so a crash between storing
 * and posting leaves a `computed` day that the next pass posts. Conformance suites run on
 * SQLite and PostgreSQL.
 */
export interface JobShareDayStore {
  /** Writes a day with its leaves atomically (`empty` when it has no root); a day already stored is left as it is. */
  saveComputedDay(day: ComputedJobShareDay): Promise<{ kind: 'saved' } | { kind: 'exists'; day: JobShareDayRecord }>;
  /** Records the day's root as posted. Idempotent: the first transaction recorded stays. */
  markDayPosted(input: { day: number; txHash: string; postedAt: number }): Promise<JobShareDayRecord | undefined>;
  getDay(day: number): Promise<JobShareDayRecord | undefined>;
  /** Days newest first. */
  listDays(query: JobShareDayPageQuery): Promise<JobShareDayRecord[]>;
  /** Days still `computed`, oldest first, at most `limit`. */
  listUnposted(limit: number): Promise<JobShareDayRecord[]>;
  /** Which of these days are stored (any state). */
  storedDays(days: readonly number[]): Promise<number[]>;
  /** A day's leaves, by node. */
  leavesOfDay(day: number): Promise<JobShareLeafRecord[]>;
  /** A node's leaves, newest day first. */
  leavesOfNode(node: string, query: JobShareDayPageQuery): Promise<JobShareLeafRecord[]>;
}
