import {
  BaseError, MAX_DATASET_BYTES, jobSpecResponseSchema, putDatasetResponseSchema, putJobSpecResponseSchema, parseOrThrow,
  type JobSpecResponse, type PutDatasetResponse, type PutJobSpecResponse,
} from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/** Parameters of {@link uploadDataset}. */
export interface UploadDatasetParams {
  /** The dataset file's bytes (at most 32 MiB). */
  bytes: Uint8Array;
}

/**
 * Stores a dataset at the coordinator under the SHA-256 of its bytes (idempotent), signed by the
 * client's account, whose quota a new blob is charged to.
 * @param client - a coordinator client with an account
 * @param params - the bytes
 * @returns its SHA-256 (hex, no 0x), size, recorded uploader and the signer's quota use
 * @throws BaseError PAYLOAD_TOO_LARGE (over 32 MiB), VALIDATION_FAILED (empty), QUOTA_EXCEEDED, UPLOAD_POOL_FULL (retry later), UNAUTHENTICATED (no account)
 */
export async function uploadDataset(client: CoordinatorClient, params: UploadDatasetParams): Promise<PutDatasetResponse> {
  const body = await client.requestBytes({ method: 'PUT', path: '/v1/datasets', body: params.bytes, signed: true });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch (cause) {
    throw new BaseError('INTERNAL', 'The coordinator answered PUT /v1/datasets with a body that is not JSON', { cause });
  }
  return parseOrThrow(putDatasetResponseSchema, json, 'response of PUT /v1/datasets');
}

/** Parameters of {@link getDataset}. */
export interface GetDatasetParams {
  /** The dataset's SHA-256, 64 lowercase hex characters. */
  sha256: string;
}

/**
 * Fetches a dataset's bytes from the coordinator's store. The caller checks them against the
 * hash it expects (`parseTabularDataset` in `@tensorgrid/tensor` does).
 * @param client - a coordinator client
 * @param params - the dataset's SHA-256
 * @throws BaseError NOT_FOUND when the coordinator does not hold it
 */
export function getDataset(client: CoordinatorClient, params: GetDatasetParams): Promise<Uint8Array> {
  return client.requestBytes({ method: 'GET', path: `/v1/datasets/${encodeURIComponent(params.sha256)}` });
}

/** Parameters of {@link putJobSpec}. */
export interface PutJobSpecParams {
  /** The job spec (see `jobSpecSchema` in `@tensorgrid/tensor`); the coordinator validates it. */
  spec: unknown;
}

/**
 * Stores a job spec at the coordinator, which validates it and keeps its canonical JSON
 * under its hash; returns the spec hash to post on chain and the job's gas.
 * @param client - a coordinator client
 * @param params - the spec
 * @throws BaseError VALIDATION_FAILED naming each bad field (or a dataset the store lacks)
 */
export function putJobSpec(client: CoordinatorClient, params: PutJobSpecParams): Promise<PutJobSpecResponse> {
  return client.request({ method: 'PUT', path: '/v1/job-specs', body: params.spec, response: putJobSpecResponseSchema });
}

/** Parameters of {@link getJobSpec}. */
export interface GetJobSpecParams {
  /** The spec hash as posted on chain (0x + 64 hex). */
  specHash: string;
}

/**
 * Fetches a stored job spec by its hash, with its gas.
 * @param client - a coordinator client
 * @param params - the spec hash
 * @throws BaseError NOT_FOUND when the coordinator does not hold it
 */
export function getJobSpec(client: CoordinatorClient, params: GetJobSpecParams): Promise<JobSpecResponse> {
  return client.request({ method: 'GET', path: `/v1/job-specs/${encodeURIComponent(params.specHash)}`, response: jobSpecResponseSchema });
}

/** Parameters of {@link fetchDatasetBytes}: a tabular dataset's hash and location, as its spec names them. */
export interface FetchDatasetBytesParams {
  sha256: string;
  location: { url: string } | { store: 'coordinator' };
  /** Per-request timeout for a URL, ms. @default 60000 */
  timeoutMs?: number;
}

/**
 * Fetches a job's dataset bytes from where its spec says: the coordinator's store, or a URL
 * (at most {@link MAX_DATASET_BYTES}). The bytes are not checked here: parse them with
 * `parseTabularDataset` (`@tensorgrid/tensor`), which refuses bytes of another SHA-256.
 * @param client - a coordinator client (for the store)
 * @param params - the dataset's hash and location
 * @throws BaseError NOT_FOUND, NETWORK_ERROR, TIMEOUT, PAYLOAD_TOO_LARGE
 */
export async function fetchDatasetBytes(client: CoordinatorClient, params: FetchDatasetBytesParams): Promise<Uint8Array> {
  if ('store' in params.location) return getDataset(client, { sha256: params.sha256 });
  const url = params.location.url;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(params.timeoutMs ?? 60_000) });
  } catch (cause) {
    const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
    throw new BaseError(timedOut ? 'TIMEOUT' : 'NETWORK_ERROR', `Cannot fetch the dataset from ${url}`, { cause });
  }
  if (!res.ok) throw new BaseError(res.status === 404 ? 'NOT_FOUND' : 'NETWORK_ERROR', `Fetching the dataset from ${url} answered ${res.status}`, { data: { status: res.status } });
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_DATASET_BYTES) throw new BaseError('PAYLOAD_TOO_LARGE', `The dataset at ${url} is ${declared} bytes, over ${MAX_DATASET_BYTES}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_DATASET_BYTES) throw new BaseError('PAYLOAD_TOO_LARGE', `The dataset at ${url} is over ${MAX_DATASET_BYTES} bytes`);
  return bytes;
}
