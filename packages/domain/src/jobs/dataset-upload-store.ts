/** What one upload asks of the quota: who, which blob, how big, against what limit. */
export interface DatasetUploadReservation {
  /** The signer of the upload (lower-case address). */
  uploader: string;
  /** The blob's SHA-256 (hex, no 0x). */
  sha256: string;
  bytes: number;
  /** The most bytes one uploader may hold in the store. */
  quotaBytes: number;
  /** When, ms since the epoch. */
  at: number;
}

/** The outcome of a reservation. */
export type DatasetUploadOutcome =
  /** New blob: its bytes now count against the uploader (`usedBytes` after it). */
  | { kind: 'reserved'; usedBytes: number }
  /** Already uploaded (by anyone): nothing is charged; the first uploader stays its uploader. */
  | { kind: 'exists'; uploader: string }
  /** It would take the uploader past its quota: nothing recorded. */
  | { kind: 'over-quota'; usedBytes: number };

/**
 * Who uploaded each dataset and how many bytes each uploader holds. A reservation is atomic:
 * of concurrent uploads by one account, only those that fit its quota together are recorded.
 * Conformance suites run on SQLite and PostgreSQL.
 */
export interface DatasetUploadStore {
  /** Records a new blob against its uploader's quota, or says why not. */
  reserve(input: DatasetUploadReservation): Promise<DatasetUploadOutcome>;
  /** Bytes the uploader holds (0 for an unknown account). */
  usedBytes(uploader: string): Promise<number>;
  /** Who first uploaded a blob, and when; undefined for one never uploaded through the API. */
  uploadOf(sha256: string): Promise<{ uploader: string; bytes: number; uploadedAt: number } | undefined>;
}
