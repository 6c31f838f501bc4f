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
 * which claims the upload; or `kept`, such a job or one posted or accepted whose deadline is
 * less than {@link DEADLINE_GRACE_S} past (a node may still take it, or is training on it, and
 * the index may lag a submission at the deadline), which keeps an unclaimed upload from
 * expiring. The removal checks `kept` again as it deletes: on PostgreSQL each statement reads
 * the index as committed when it starts, so a job that got its result between the claim and
 * the removal still keeps its upload.
 */
type Naming = { kind: 'result' } | { kind: 'kept'; nowSeconds: number };

/** How long past its deadline a posted or accepted job still keeps its uploads: an hour. */
const DEADLINE_GRACE_S = 3_600;

const LIVE_STATES = ['posted', 'accepted'];

/** The condition on `jobs` for a naming. */
function counts(eb: ExpressionBuilder<Database, 'jobs'>, jobs: Naming) {
  const result = eb('jobs.result_root', 'is not', null);
  return jobs.kind === 'result' ? result : eb.or([result, eb.and([eb('jobs.state', 'in', LIVE_STATES), eb('jobs.deadline', '>=', jobs.nowSeconds - DEADLINE_GRACE_S)])]);
}

/** Whether such a job's spec names the dataset upload. */
function datasetNamed(eb: ExpressionBuilder<Database, 'dataset_uploads'>, jobs: Naming) {
  return eb.exists(
    eb.selectFrom('dataset_spec_refs').innerJoin('jobs', 'jobs.spec_hash', 'dataset_spec_refs.spec_hash').select('jobs.job_id').whereRef('dataset_spec_refs.dataset_sha256', '=', 'dataset_uploads.sha256').where((j) => counts(j, jobs)),
  );
}

/** Whether such a job is of the stored spec. */
function specNamed(eb: ExpressionBuilder<Database, 'job_spec_uploads'>, jobs: Naming) {
  return eb.exists(eb.selectFrom('jobs').select('jobs.job_id').whereRef('jobs.spec_hash', '=', 'job_spec_uploads.spec_hash').where((j) => counts(j, jobs)));
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

/** Claims the dataset uploads jobs with a result name, and removes up to `limit` expired ones no job keeps, blobs included. */
async function sweepDatasets(tx: Transaction<Database>, input: SweepInput): Promise<{ claimed: Released; removed: Released }> {
  const claimed = released(await tx.updateTable('dataset_uploads').set({ claimed_at: input.at }).where('claimed_at', 'is', null).where((eb) => datasetNamed(eb, { kind: 'result' })).returning(['sha256', 'uploader', 'bytes']).execute());
  const expired = await tx
    .selectFrom('dataset_uploads')
    .select('sha256')
    .where('claimed_at', 'is', null)
    .where('uploaded_at', '<', input.uploadedBefore)
    .where((eb) => eb.not(datasetNamed(eb, kept(input))))
    .orderBy('uploaded_at')
    .orderBy('sha256')
    .limit(input.limit)
    .execute();
  const removed: Released = [];
  for (const part of chunks(expired.map((r) => r.sha256), 256)) {
    // Checked again as it deletes: an upload made again meanwhile started its expiry over (PostgreSQL re-reads a row it waited for), a job may have kept it.
    const gone = released(
      await tx
        .deleteFrom('dataset_uploads')
        .where('sha256', 'in', part)
        .where('claimed_at', 'is', null)
        .where('uploaded_at', '<', input.uploadedBefore)
        .where((eb) => eb.not(datasetNamed(eb, kept(input))))
        .returning(['sha256', 'uploader', 'bytes'])
        .execute(),
    );
    if (gone.length > 0) await tx.deleteFrom('blobs').where('kind', '=', 'datasets').where('sha256', 'in', gone.map((r) => r.sha256)).execute();
    removed.push(...gone);
  }
  return { claimed, removed };
}

/** Claims the job specs of jobs with a result, and removes up to `limit` expired ones no job keeps, blobs and dataset references included. */
async function sweepSpecs(tx: Transaction<Database>, input: SweepInput): Promise<{ claimedBytes: number; claimed: number; removed: Array<{ spec_hash: string; bytes: number | string }> }> {
  const claimed = await tx.updateTable('job_spec_uploads').set({ claimed_at: input.at }).where('claimed_at', 'is', null).where((eb) => specNamed(eb, { kind: 'result' })).returning(['bytes']).execute();
  const expired = await tx
    .selectFrom('job_spec_uploads')
    .select('spec_hash')
    .where('claimed_at', 'is', null)
    .where('stored_at', '<', input.uploadedBefore)
    .where((eb) => eb.not(specNamed(eb, kept(input))))
    .orderBy('stored_at')
    .orderBy('spec_hash')
    .limit(input.limit)
    .execute();
  const removed: Array<{ spec_hash: string; bytes: number | string }> = [];
  for (const part of chunks(expired.map((r) => r.spec_hash), 256)) {
    const gone = await tx
      .deleteFrom('job_spec_uploads')
      .where('spec_hash', 'in', part)
      .where('claimed_at', 'is', null)
      .where('stored_at', '<', input.uploadedBefore)
      .where((eb) => eb.not(specNamed(eb, kept(input))))
      .returning(['spec_hash', 'bytes'])
      .execute();
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

const kept = (input: SweepInput): Naming => ({ kind: 'kept', nowSeconds: Math.floor(input.at / 1000) });

/**
 * One sweep of the uploads, in one transaction, for dataset uploads and stored job specs alike:
 * 1. every unclaimed one named by a job a node submitted a result for (its deposit is at stake
 *    on the verdict, and the requester can no longer cancel the job for a refund) is claimed;
 * 2. up to `limit` unclaimed ones older than `uploadedBefore`, oldest first, that no job keeps
 *    (one with a result, or posted or accepted and less than an hour past its deadline) are
 *    deleted with their blobs (a spec with its dataset reference);
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
