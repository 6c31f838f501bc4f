/** `dataset_uploads` (migration 0011): each stored dataset's first uploader, size and time. */
export interface DatasetUploadsTable {
  sha256: string;
  uploader: string;
  bytes: number;
  uploaded_at: number;
}

/** `dataset_quotas` (0011): bytes each uploader holds. */
export interface DatasetQuotasTable {
  uploader: string;
  used_bytes: number;
}

/** The dataset-upload tables. */
export interface DatasetUploadTables {
  dataset_uploads: DatasetUploadsTable;
  dataset_quotas: DatasetQuotasTable;
}
