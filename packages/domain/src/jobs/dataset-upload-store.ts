/** What one upload asks of the quotas: who, which blob, how big, against what limits. */
export interface DatasetUploadReservation {
  /** The signer of the upload (lower-case address). */
  uploader: string;
  /** The blob's SHA-256 (hex, no 0x). */
  sha256: string;
  /** What it counts against the quota and the pool: its size, or the coordinator's least charge if more. */
  bytes: number;
  /** The most unclaimed bytes one uploader may hold in the store. */
  quotaBytes: number;
  /** The most unclaimed bytes all uploaders together may hold: keys cost nothing, so per-key quotas alone bound nothing. */
  poolBytes: number;
  /** When, ms since the epoch. */
  at: number;
}

/** The outcome of a reservation. */
export type DatasetUploadOutcome =
  /** New blob: its bytes now count against the uploader (`usedBytes` after it) and the pool. */
  | { kind: 'reserved'; usedBytes: number }
  /** Already uploaded (by anyone): nothing is charged; the first uploader stays its uploader. */
  | { kind: 'exists'; uploader: string }
  /** It would take the uploader past its quota: nothing recorded. */
  | { kind: 'over-quota'; usedBytes: number }
  /** It would take the shared pool of unclaimed uploads past its size: nothing recorded. */
  | { kind: 'pool-full'; unclaimedBytes: number };

/** One upload as the store records it. */
export interface DatasetUpload {
  uploader: string;
  /** What it counts against the quota and the pool (its size, or the least charge if more). */
  bytes: number;
  uploadedAt: number;
  /** When a job on the JobMarket that names it (through its spec) first had a result; null while none has. */
  claimedAt: number | null;
}

/** The outcome of storing a job spec: specs are stored unsigned, so they count against the pool alone. */
export type JobSpecUploadOutcome = { kind: 'reserved' } | { kind: 'exists' } | { kind: 'pool-full'; unclaimedBytes: number } | { kind: 'dataset-missing' };

/** What one sweep did. */
export interface DatasetSweep {
  /** Uploads named by a job with a result: their bytes left their uploaders' quotas and the pool. */
  claimed: number;
  /** Unclaimed uploads that expired: removed with their blobs, their bytes given back. */
  removed: Array<{ sha256: string; uploader: string; bytes: number }>;
  /** Job specs of a job with a result: their bytes left the pool. */
  specsClaimed: number;
  /** Unclaimed job specs that expired, by spec hash: removed with their blobs, their bytes given back to the pool. */
  specsRemoved: string[];
}

/**
 * Who uploaded each dataset, the job specs stored with them, and the unclaimed bytes each
 * uploader and all of them hold. An
 * upload counts until a node submits a result for a job on the JobMarket that names it (its
 * deposit is then at stake on the verdict, and the requester can no longer cancel for a refund;
 * gas grows with the dataset); an unclaimed upload that no posted or accepted job before its
 * deadline names is removed once it is older than the coordinator's expiry. A reservation is
 * atomic: of concurrent uploads, only those that fit the uploader's quota and the pool
 * together are recorded. Conformance suites run on SQLite and PostgreSQL.
 */
export interface DatasetUploadStore {
  /** Records a new blob against its uploader's quota and the pool, or says why not; a known unclaimed one starts its expiry over. */
  reserve(input: DatasetUploadReservation): Promise<DatasetUploadOutcome>;
  /** Unclaimed bytes the uploader holds (0 for an unknown account). */
  usedBytes(uploader: string): Promise<number>;
  /** Unclaimed bytes all uploaders hold. */
  unclaimedBytes(): Promise<number>;
  /** Who first uploaded a blob, when, and whether a job claimed it; undefined for one never uploaded through the API (or removed). */
  uploadOf(sha256: string): Promise<DatasetUpload | undefined>;
  /**
   * Records a new job spec (`specHash` as 0x and 64 hex, `bytes` what it counts: its stored size, or the least charge if more) against the
   * pool, or says why not; a known unclaimed one starts its expiry over. With `dataset` (the
   * stored dataset the spec names), in the same transaction: the dataset's expiry starts over if
   * it is unclaimed, it must still be stored (`dataset-missing` otherwise), and the spec's
   * reference to it is recorded, so a sweep sees a job of the spec keep or claim it. A refusal
   * records nothing.
   */
  reserveSpec(input: { specHash: string; bytes: number; poolBytes: number; at: number; dataset?: string }): Promise<JobSpecUploadOutcome>;
  /**
   * Claims every unclaimed upload and job spec that an indexed job with a result names, then
   * removes up to `limit` of each that are unclaimed, older than `uploadedBefore` and named by
   * no posted or accepted job before its deadline, blobs included, in one transaction.
   */
  sweep(input: { at: number; uploadedBefore: number; limit: number }): Promise<DatasetSweep>;
}
