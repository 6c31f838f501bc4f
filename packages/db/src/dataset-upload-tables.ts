/** `dataset_uploads` (migrations 0011, 0016): each stored dataset's first uploader, size and time, and when a node first took a job that names it. */
export interface DatasetUploadsTable {
  sha256: string;
  uploader: string;
  bytes: number;
  uploaded_at: number;
  /** Null while no job a node took names it: it then counts, and expires unless an open job names it. */
  claimed_at: number | null;
}

/** `dataset_quotas` (0011): the unclaimed bytes each uploader holds. */
export interface DatasetQuotasTable {
  uploader: string;
  used_bytes: number;
}

/** `dataset_spec_refs` (0016): the dataset each stored job spec names in the store. */
export interface DatasetSpecRefsTable {
  /** The spec hash, 0x and 64 hex, as jobs.spec_hash holds it. */
  spec_hash: string;
  dataset_sha256: string;
}

/** `dataset_pool` (0016): one row (id 1), the bytes of all unclaimed uploads. */
export interface DatasetPoolTable {
  id: number;
  unclaimed_bytes: number;
}

/** The dataset-upload tables. */
export interface DatasetUploadTables {
  dataset_uploads: DatasetUploadsTable;
  dataset_quotas: DatasetQuotasTable;
  dataset_spec_refs: DatasetSpecRefsTable;
  dataset_pool: DatasetPoolTable;
}
