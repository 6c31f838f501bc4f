/** `dataset_uploads` (migrations 0011, 0016): each stored dataset's first uploader, size and time, and when a job that names it first had a result. */
export interface DatasetUploadsTable {
  sha256: string;
  uploader: string;
  bytes: number;
  uploaded_at: number;
  /** Null while no job with a result names it: it then counts, and expires unless a live job names it. */
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

/** `job_spec_uploads` (0016): each job spec stored through the API since 0016, its size and time, and when a job of it first had a result. */
export interface JobSpecUploadsTable {
  /** 0x and 64 hex, as jobs.spec_hash holds it. */
  spec_hash: string;
  bytes: number;
  stored_at: number;
  /** Null while no job of it has a result. */
  claimed_at: number | null;
}

/** `dataset_pool` (0016): one row (id 1), the bytes of all unclaimed uploads, datasets and job specs. */
export interface DatasetPoolTable {
  id: number;
  unclaimed_bytes: number;
}

/** The dataset-upload tables. */
export interface DatasetUploadTables {
  dataset_uploads: DatasetUploadsTable;
  dataset_quotas: DatasetQuotasTable;
  dataset_spec_refs: DatasetSpecRefsTable;
  job_spec_uploads: JobSpecUploadsTable;
  dataset_pool: DatasetPoolTable;
}
