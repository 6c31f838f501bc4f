/** `blobs` (migration 0012): content-addressed bytes by kind. */
export interface BlobsTable {
  kind: string;
  sha256: string;
  size: number;
  bytes: Uint8Array;
}

/** The blob tables. */
export interface BlobTables {
  blobs: BlobsTable;
}
