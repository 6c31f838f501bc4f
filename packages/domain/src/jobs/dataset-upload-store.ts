/** What one upload asks of the quotas: who, which blob, how big, against what limits. */
export interface DatasetUploadReservation {
  /** The signer of the upload (lower-case address). */
  uploader: string;
  /** The blob's SHA-256 (hex, no 0x). */
  sha256: string;
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
  bytes: number;
  uploadedAt: number;
  /** When a node first took a job on the JobMarket that names it (through its spec); null while none has. */
  claimedAt: number | null;
}

/** What one sweep did. */
export interface DatasetSweep {
  /** Uploads named by a job a node took: their bytes left their uploaders' quotas and the pool. */
  claimed: number;
  /** Unclaimed uploads that expired: removed with their blobs, their bytes given back. */
  removed: Array<{ sha256: string; uploader: string; bytes: number }>;
}

/**
 * Who uploaded each dataset, and the unclaimed bytes each uploader and all of them hold. An
 * upload counts until a node takes a job on the JobMarket that names it (the job's fee and the
 * node's deposit are then at stake; gas grows with the dataset); an unclaimed upload that no
 * open job names is removed once it is older than the coordinator's expiry. A reservation is
 * atomic: of concurrent uploads, only those that fit the uploader's quota and the pool
 * together are recorded. Conformance suites run on SQLite and PostgreSQL.
 */
export interface DatasetUploadStore {
  /** Records a new blob against its uploader's quota and the pool, or says why not. */
  reserve(input: DatasetUploadReservation): Promise<DatasetUploadOutcome>;
  /** Unclaimed bytes the uploader holds (0 for an unknown account). */
  usedBytes(uploader: string): Promise<number>;
  /** Unclaimed bytes all uploaders hold. */
  unclaimedBytes(): Promise<number>;
  /** Who first uploaded a blob, when, and whether a job claimed it; undefined for one never uploaded through the API (or removed). */
  uploadOf(sha256: string): Promise<DatasetUpload | undefined>;
  /** Records the stored dataset a stored job spec names (`specHash` as 0x and 64 hex); idempotent. */
  recordSpecDataset(ref: { specHash: string; sha256: string }): Promise<void>;
  /**
   * Claims every unclaimed upload that the spec of an indexed job a node took names, then
   * removes up to `limit` unclaimed uploads older than `uploadedBefore` that no open job names,
   * blobs included, in one transaction.
   */
  sweep(input: { at: number; uploadedBefore: number; limit: number }): Promise<DatasetSweep>;
}
