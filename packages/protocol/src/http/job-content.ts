import { z } from 'zod';
import { bytes32Schema } from '../common';
import { baseUnitsSchema } from './rewards';

/**
 * Content the job market points at (`/v1/datasets`, `/v1/job-specs`): datasets and job specs
 * stored by the coordinator under the SHA-256 of their bytes. The chain holds only the spec's
 * hash; anyone fetching the bytes can check them against it.
 */

/** The largest dataset `PUT /v1/datasets` accepts: 32 MiB. */
export const MAX_DATASET_BYTES = 32 * 1024 * 1024;

/**
 * Unclaimed dataset bytes one account may hold at a coordinator unless it is configured
 * otherwise: 256 MiB. An upload is unclaimed until a node submits a result for a job on the
 * JobMarket that names it.
 */
export const DEFAULT_DATASET_QUOTA_BYTES = 256 * 1024 * 1024;

/** Unclaimed dataset bytes all accounts together may hold at a coordinator unless it is configured otherwise: 4 GiB. */
export const DEFAULT_DATASET_POOL_BYTES = 4 * 1024 * 1024 * 1024;

/**
 * The least a stored dataset or job spec counts against its uploader's quota and the pool: 4 KiB.
 * Its row, index entries and blob overhead take room whatever its size, so the pool bounds the
 * number of unclaimed uploads too (4 GiB / 4 KiB, about a million), not only their bytes.
 */
export const UPLOAD_MIN_CHARGE_BYTES = 4 * 1024;

/** How long an unclaimed upload that no live job (posted or accepted, before its deadline) names is kept unless the coordinator is configured otherwise: 24 h. */
export const DEFAULT_DATASET_UNCLAIMED_MS = 24 * 3_600_000;

/** A SHA-256 as 64 lowercase hex characters (no 0x): how datasets are named. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters (a SHA-256)');

/** Params of `GET /v1/datasets/:sha256`. */
export const datasetParamsSchema = z.strictObject({ sha256: sha256HexSchema });

/**
 * Response of `PUT /v1/datasets` (body: the raw bytes, `application/octet-stream`; signed, with
 * the lowercase hex SHA-256 of the bytes as the signed body). `uploader`: the account the blob
 * is recorded under (its first uploader); `usedBytes`/`quotaBytes`: the signer's unclaimed dataset
 * bytes after this upload and its limit (a blob already stored costs nothing; a blob leaves the
 * count once a node submits a result for a job that names it, and is removed if none does
 * within the coordinator's expiry and no live job names it).
 */
export const putDatasetResponseSchema = z.object({
  sha256: sha256HexSchema,
  size: z.number().int().min(0),
  uploader: z.string().regex(/^0x[0-9a-f]{40}$/),
  usedBytes: z.number().int().min(0),
  quotaBytes: z.number().int().min(0),
});
/** Response of `PUT /v1/datasets`. */
export type PutDatasetResponse = z.infer<typeof putDatasetResponseSchema>;

/** Params of `GET /v1/job-specs/:hash`: the spec hash as posted on chain (0x + 64 hex). */
export const jobSpecHashParamsSchema = z.strictObject({ hash: bytes32Schema.transform((h) => h.toLowerCase()) });

/** Response of `PUT /v1/job-specs` (body: the job spec as JSON). */
export const putJobSpecResponseSchema = z.object({
  /** SHA-256 of the spec's canonical JSON: the JobMarket's `specHash`. */
  specHash: bytes32Schema,
  /** The job's gas from its estimated training cost, GRID base units (what `post` takes). */
  gas: baseUnitsSchema,
  /** The estimated training work, GFLOP (rounded up). */
  gflop: z.string().regex(/^\d+$/),
});
/** Response of `PUT /v1/job-specs`. */
export type PutJobSpecResponse = z.infer<typeof putJobSpecResponseSchema>;

/** Response of `GET /v1/job-specs/:hash`: the stored spec (canonical form, defaults filled in). */
export const jobSpecResponseSchema = putJobSpecResponseSchema.extend({
  /** The job spec (see `jobSpecSchema` in `@tensorgrid/tensor`). */
  spec: z.record(z.string(), z.unknown()),
});
/** Response of `GET /v1/job-specs/:hash`. */
export type JobSpecResponse = z.infer<typeof jobSpecResponseSchema>;
