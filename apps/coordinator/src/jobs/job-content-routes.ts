import { createHash } from 'node:crypto';
import type { BlobStore, DatasetUploadStore } from '@tensorgrid/domain';
import {
  BaseError, DEFAULT_DATASET_POOL_BYTES, DEFAULT_DATASET_QUOTA_BYTES, MAX_DATASET_BYTES, UPLOAD_MIN_CHARGE_BYTES, datasetParamsSchema, jobSpecHashParamsSchema, parseOrThrow,
  type JobSpecResponse, type PutDatasetResponse, type PutJobSpecResponse,
} from '@tensorgrid/protocol';
import { jobGas, jobSpecBytes, jobSpecHash, parseJobSpec, type JobSpec } from '@tensorgrid/tensor';
import type { FastifyInstance } from 'fastify';
import type { RequestVerifier } from '../auth/request-verifier';
import type { Clock } from '../clock';
import { verifyHttpRequest } from '../http/signed-request';

/** The content the job market points at: datasets and job specs, each stored under its SHA-256. */
export interface JobContentStores {
  datasets: BlobStore;
  specs: BlobStore;
  /** Who uploaded each dataset, against per-account quotas and the shared pool of unclaimed bytes. */
  uploads: DatasetUploadStore;
  /** The most unclaimed dataset bytes one account may hold. @default DEFAULT_DATASET_QUOTA_BYTES (256 MiB) */
  quotaBytes?: number;
  /** The most unclaimed dataset bytes all accounts together may hold. @default DEFAULT_DATASET_POOL_BYTES (4 GiB) */
  poolBytes?: number;
  /** The least one upload counts against the quota and the pool. @default UPLOAD_MIN_CHARGE_BYTES (4 KiB) */
  minChargeBytes?: number;
}

const gasOf = (spec: JobSpec) => {
  const { gas, gflop } = jobGas(spec.training);
  return { gas: gas.toString(), gflop: gflop.toString() };
};

/**
 * `PUT /v1/datasets` (raw bytes, up to {@link MAX_DATASET_BYTES}; signed over the bytes' SHA-256,
 * each new blob charged to its signer's quota and the shared pool, at least `minChargeBytes`,
 * until a node submits a result for a job naming it)
 * and `GET /v1/datasets/:sha256`; `PUT /v1/job-specs` (a job spec as JSON, validated and stored
 * as its canonical JSON, so its SHA-256 is the spec hash posted on chain; unsigned, each new
 * spec counts against the shared pool until a node submits a result for a job of it, and the
 * stored dataset it names is recorded, so the upload sweeper can tell when a job claims it) and
 * `GET /v1/job-specs/:hash`. Writes are idempotent: the same bytes always land under the same name.
 * @param app - the Fastify instance
 * @param stores - the dataset, upload and spec stores, the request verifier and the clock
 */
export function registerJobContentRoutes(app: FastifyInstance, stores: JobContentStores & { verifier: RequestVerifier; clock: Clock }): void {
  const quotaBytes = stores.quotaBytes ?? DEFAULT_DATASET_QUOTA_BYTES;
  const poolBytes = stores.poolBytes ?? DEFAULT_DATASET_POOL_BYTES;
  const charged = (bytes: number) => Math.max(bytes, stores.minChargeBytes ?? UPLOAD_MIN_CHARGE_BYTES);
  const poolFull = (unclaimedBytes: number, bytes: number) =>
    new BaseError('UPLOAD_POOL_FULL', `This coordinator holds ${unclaimedBytes} of its ${poolBytes} bytes of unclaimed uploads; this upload, counted as ${bytes} bytes, does not fit`, {
      data: { unclaimedBytes, poolBytes, bytes },
      details: 'Room comes back as nodes submit results for jobs that name uploads and unclaimed ones expire: try again later, or serve the file from a URL (dataset.location.url).',
    });
  void app.register(async (scope) => {
    // Only this scope reads raw bytes; every other route still takes JSON only. A signature binds
    // a byte body through its SHA-256: the signed body is that digest as lowercase hex.
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_DATASET_BYTES }, (request, body, done) => {
      request.rawBody = createHash('sha256').update(body as Buffer).digest('hex');
      done(null, body);
    });

    scope.put('/v1/datasets', { bodyLimit: MAX_DATASET_BYTES }, async (request): Promise<PutDatasetResponse> => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new BaseError('VALIDATION_FAILED', 'Send the dataset\'s bytes as the body, with content-type application/octet-stream', { details: 'The body must not be empty.' });
      }
      const uploader = await verifyHttpRequest(stores.verifier, request);
      const sha256 = request.rawBody;
      if (sha256 === undefined) throw new BaseError('INTERNAL', 'The dataset body was not hashed');
      const bytes = charged(body.length);
      const outcome = await stores.uploads.reserve({ uploader, sha256, bytes, quotaBytes, poolBytes, at: stores.clock.now() });
      if (outcome.kind === 'over-quota') {
        throw new BaseError('QUOTA_EXCEEDED', `This upload, counted as ${bytes} bytes, would take ${uploader} past its dataset quota (${outcome.usedBytes} of ${quotaBytes} unclaimed bytes used)`, {
          data: { usedBytes: outcome.usedBytes, quotaBytes, bytes },
          details: 'An upload counts until a node submits a result for a job that names it (or it expires unclaimed). Post jobs for the datasets you uploaded, reuse a dataset already stored (specs name it by SHA-256), serve the file from a URL (dataset.location.url), or ask the coordinator\'s operator for a larger quota (TG_DATASET_QUOTA_MB).',
        });
      }
      if (outcome.kind === 'pool-full') throw poolFull(outcome.unclaimedBytes, bytes);
      // Written even when the blob is known: a crash after an earlier reservation may have left it unwritten.
      const stored = await stores.datasets.putBlob(new Uint8Array(body.buffer, body.byteOffset, body.length));
      return { ...stored, uploader: outcome.kind === 'exists' ? outcome.uploader : uploader, usedBytes: outcome.kind === 'reserved' ? outcome.usedBytes : await stores.uploads.usedBytes(uploader), quotaBytes };
    });

    scope.get('/v1/datasets/:sha256', async (request, reply) => {
      const { sha256 } = parseOrThrow(datasetParamsSchema, request.params, 'dataset hash');
      const bytes = await stores.datasets.getBlob(sha256);
      if (!bytes) throw new BaseError('NOT_FOUND', `No dataset ${sha256} in this coordinator's store`, { data: { sha256 }, details: 'Upload it with PUT /v1/datasets (tgrid job submit does this for a spec that names a local file).' });
      return reply.type('application/octet-stream').send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    });

    scope.put('/v1/job-specs', async (request): Promise<PutJobSpecResponse> => {
      const spec = parseJobSpec(request.body);
      const dataset = spec.training.dataset;
      const bytes = jobSpecBytes(spec);
      const specHash = jobSpecHash(spec);
      const stored = dataset.kind === 'tabular' && 'store' in dataset.location ? dataset.sha256 : undefined;
      // Specs are stored unsigned: each new one counts against the shared pool until a node submits a result for a job of it.
      const counted = charged(bytes.length);
      const reserved = await stores.uploads.reserveSpec({ specHash, bytes: counted, poolBytes, at: stores.clock.now(), ...(stored === undefined ? {} : { dataset: stored }) });
      if (reserved.kind === 'pool-full') throw poolFull(reserved.unclaimedBytes, counted);
      if (reserved.kind === 'dataset-missing') {
        const message = `no dataset ${stored} in the coordinator's store; upload it first (PUT /v1/datasets)`;
        throw new BaseError('VALIDATION_FAILED', `Invalid job spec: training.dataset.sha256: ${message}`, { data: { issues: [{ path: 'training.dataset.sha256', message }] } });
      }
      // Written even when the spec is known: a crash after an earlier reservation may have left it unwritten.
      const written = await stores.specs.putBlob(bytes);
      if (`0x${written.sha256}` !== specHash) throw new BaseError('INTERNAL', 'The stored spec does not hash to its spec hash');
      return { specHash, ...gasOf(spec) };
    });

    scope.get('/v1/job-specs/:hash', async (request): Promise<JobSpecResponse> => {
      const { hash } = parseOrThrow(jobSpecHashParamsSchema, request.params, 'spec hash');
      const bytes = await stores.specs.getBlob(hash.slice(2));
      if (!bytes) throw new BaseError('NOT_FOUND', `No job spec ${hash} at this coordinator`, { data: { specHash: hash }, details: 'The requester stores it with PUT /v1/job-specs (tgrid job submit does) before posting the job.' });
      const spec = parseJobSpec(JSON.parse(new TextDecoder().decode(bytes)));
      return { specHash: hash, spec: spec as unknown as Record<string, unknown>, ...gasOf(spec) };
    });
  });
}
