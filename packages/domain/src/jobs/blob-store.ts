/** A blob as stored: its SHA-256 (64 lowercase hex characters, no 0x) and its size in bytes. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Content-addressed bytes: datasets and job specs, each kept under the SHA-256 of its bytes.
 * Blobs never change once stored, so a put is idempotent and a reader never sees half a blob.
 */
export interface BlobStore {
  /** Stores bytes under their SHA-256 (a no-op when the blob is already there). */
  putBlob(bytes: Uint8Array): Promise<StoredBlob>;
  /** The bytes stored under a SHA-256, or null. */
  getBlob(sha256: string): Promise<Uint8Array | null>;
  /** Whether a blob is stored. */
  hasBlob(sha256: string): Promise<boolean>;
}
