import type { DatasetSweep } from '@tensorgrid/domain';
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import { chunks } from './chunks';
import type { Database } from './schema';

type Released = Array<{ sha256: string; uploader: string; bytes: number }>;
const released = (rows: Array<{ sha256: string; uploader: string; bytes: number | string }>): Released => rows.map((r) => ({ sha256: r.sha256, uploader: r.uploader, bytes: Number(r.bytes) }));
const totalBytes = (rows: ReadonlyArray<{ bytes: number | string }>): number => rows.reduce((sum, r) => sum + Number(r.bytes), 0);

/**
 * Which jobs count for an upload: `result`, a node trained the job and submitted its root (its
 * deposit is at stake on the verdict, and the requester can no longer cancel it for a refund),
 * which claims the upload; or `live`, posted or accepted and before its deadline, which keeps
 * an unclaimed upload from expiring (a node may still take it, or is training on it).
 */
type Naming = { kind: 'result' } | { kind: 'live'; nowSeconds: number };

const LIVE_STATES = ['posted', 'accepted'];

/** Whether such a job's spec names the dataset upload. */
function datasetNamed(eb: ExpressionBuilder<Database, 'dataset_uploads'>, jobs: Naming) {
  const naming = eb.selectFrom('dataset_spec_refs').innerJoin('jobs', 'jobs.spec_hash', 'dataset_spec_refs.spec_hash').select('jobs.job_id').whereRef('dataset_spec_refs.dataset_sha256', '=', 'dataset_uploads.sha256');
  return eb.exists(jobs.kind === 'result' ? naming.where('jobs.result_root', 'is not', null) : naming.where('jobs.state', 'in', LIVE_STATES).where('jobs.deadline', '>=', jobs.nowSeconds));
}

/** Whether such a job is of the stored spec. */
function specNamed(eb: ExpressionBuilder<Database, 'job_spec_uploads'>, jobs: Naming) {
  const naming = eb.selectFrom('jobs').select('jobs.job_id').whereRef('jobs.spec_hash', '=', 'job_spec_uploads.spec_hash');
  return eb.exists(jobs.kind === 'result' ? naming.where('jobs.result_root', 'is not', null) : naming.where('jobs.state', 'in', LIVE_STATES).where('jobs.deadline', '>=', jobs.nowSeconds));
}

/** Takes released dataset bytes off their uploaders' quotas (in uploader order, as reservations lock them), then all released bytes off the pool. */
async function giveBack(tx: Transaction<Database>, datasets: Released, specBytes: number): Promise<void> {
  const byUploader = new Map<string, number>();
  for (const r of datasets) byUploader.set(r.uploader, (byUploader.get(r.uploader) ?? 0) + r.bytes);
  for (const [uploader, bytes] of [...byUploader].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    await tx.updateTable('dataset_quotas').set((eb) => ({ used_bytes: eb('used_bytes', '-', bytes) })).where('uploader', '=', uploader).execute();
  }
  const total = totalBytes(datasets) + specBytes;
  if (total > 0) await tx.updateTable('dataset_pool').set((eb) => ({ unclaimed_bytes: eb('unclaimed_bytes', '-', total) })).where('id', '=', 1).execute();
}

/** Claims the dataset uploads jobs with a result name, and removes up to `limit` expired ones no live job names, blobs included. */
async function sweepDatasets(tx: Transaction<Database>, input: SweepInput): Promise<{ claimed: Released; removed: Released }> {
  const claimed = released(await tx.updateTable('dataset_uploads').set({ claimed_at: input.at }).where('claimed_at', 'is', null).where((eb) => datasetNamed(eb, { kind: 'result' })).returning(['sha256', 'uploader', 'bytes']).execute());
  const expired = await tx
    .selectFrom('dataset_uploads')
    .select('sha256')
    .where('claimed_at', 'is', null)
    .where('uploaded_at', '<', input.uploadedBefore)
    .where((eb) => eb.not(datasetNamed(eb, live(input))))
    .orderBy('uploaded_at')
    .orderBy('sha256')
    .limit(input.limit)
    .execute();
  const removed: Released = [];
  for (const part of chunks(expired.map((r) => r.sha256), 256)) {
    // Checked again as it deletes: an upload made again meanwhile started its expiry over (PostgreSQL re-reads a row it waited for).
    const gone = released(await tx.deleteFrom('dataset_uploads').where('sha256', 'in', part).where('claimed_at', 'is', null).where('uploaded_at', '<', input.uploadedBefore).returning(['sha256', 'uploader', 'bytes']).execute());
    if (gone.length > 0) await tx.deleteFrom('blobs').where('kind', '=', 'datasets').where('sha256', 'in', gone.map((r) => r.sha256)).execute();
    removed.push(...gone);
  }
  return { claimed, removed };
}

/** Claims the job specs of jobs with a result, and removes up to `limit` expired ones no live job is of, blobs and dataset references included. */
async function sweepSpecs(tx: Transaction<Database>, input: SweepInput): Promise<{ claimedBytes: number; claimed: number; removed: Array<{ spec_hash: string; bytes: number | string }> }> {
  const claimed = await tx.updateTable('job_spec_uploads').set({ claimed_at: input.at }).where('claimed_at', 'is', null).where((eb) => specNamed(eb, { kind: 'result' })).returning(['bytes']).execute();
  const expired = await tx
    .selectFrom('job_spec_uploads')
    .select('spec_hash')
    .where('claimed_at', 'is', null)
    .where('stored_at', '<', input.uploadedBefore)
    .where((eb) => eb.not(specNamed(eb, live(input))))
    .orderBy('stored_at')
    .orderBy('spec_hash')
    .limit(input.limit)
    .execute();
  const removed: Array<{ spec_hash: string; bytes: number | string }> = [];
  for (const part of chunks(expired.map((r) => r.spec_hash), 256)) {
    const gone = await tx.deleteFrom('job_spec_uploads').where('spec_hash', 'in', part).where('claimed_at', 'is', null).where('stored_at', '<', input.uploadedBefore).returning(['spec_hash', 'bytes']).execute();
    if (gone.length === 0) continue;
    const hashes = gone.map((r) => r.spec_hash);
    await tx.deleteFrom('blobs').where('kind', '=', 'job-specs').where('sha256', 'in', hashes.map((h) => h.slice(2))).execute();
    await tx.deleteFrom('dataset_spec_refs').where('spec_hash', 'in', hashes).execute();
    removed.push(...gone);
  }
  return { claimedBytes: totalBytes(claimed), claimed: claimed.length, removed };
}

interface SweepInput {
  at: number;
  uploadedBefore: number;
  limit: number;
}

const live = (input: SweepInput): Naming => ({ kind: 'live', nowSeconds: Math.floor(input.at / 1000) });

/**
 * One sweep of the uploads, in one transaction, for dataset uploads and stored job specs alike:
 * 1. every unclaimed one named by a job a node submitted a result for (its deposit is at stake
 *    on the verdict, and the requester can no longer cancel the job for a refund) is claimed;
 * 2. up to `limit` unclaimed ones older than `uploadedBefore`, oldest first, that no posted or
 *    accepted job before its deadline names are deleted with their blobs (a spec with its
 *    dataset reference);
 * and the bytes of both leave their uploaders' quotas (datasets) and the pool. Blobs stored
 * without an upload row (stored before migration 0016) are never touched. A crash leaves all
 * of it or none.
 * @param db - an open, migrated database
 * @param input - the time, the expiry bound and the most removals of each kind
 */
export async function sweepDatasetUploads(db: Kysely<Database>, input: SweepInput): Promise<DatasetSweep> {
  return db.transaction().execute(async (tx) => {
    const datasets = await sweepDatasets(tx, input);
    const specs = await sweepSpecs(tx, input);
    await giveBack(tx, [...datasets.claimed, ...datasets.removed], specs.claimedBytes + totalBytes(specs.removed));
    return { claimed: datasets.claimed.length, removed: datasets.removed, specsClaimed: specs.claimed, specsRemoved: specs.removed.map((r) => r.spec_hash) };
  });
}
