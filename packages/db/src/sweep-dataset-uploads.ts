import type { DatasetSweep } from '@tensorgrid/domain';
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import { chunks } from './chunks';
import type { Database } from './schema';

type Released = Array<{ sha256: string; uploader: string; bytes: number }>;
const released = (rows: Array<{ sha256: string; uploader: string; bytes: number | string }>): Released => rows.map((r) => ({ sha256: r.sha256, uploader: r.uploader, bytes: Number(r.bytes) }));

/** Takes released bytes off their uploaders' quotas (in uploader order, as reservations lock them) and then off the pool. */
async function giveBack(tx: Transaction<Database>, rows: Released): Promise<void> {
  if (rows.length === 0) return;
  const byUploader = new Map<string, number>();
  for (const r of rows) byUploader.set(r.uploader, (byUploader.get(r.uploader) ?? 0) + r.bytes);
  for (const [uploader, bytes] of [...byUploader].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    await tx.updateTable('dataset_quotas').set((eb) => ({ used_bytes: eb('used_bytes', '-', bytes) })).where('uploader', '=', uploader).execute();
  }
  const total = rows.reduce((sum, r) => sum + r.bytes, 0);
  await tx.updateTable('dataset_pool').set((eb) => ({ unclaimed_bytes: eb('unclaimed_bytes', '-', total) })).where('id', '=', 1).execute();
}

/**
 * Whether an indexed job whose spec names the upload is accepted (a node took it: its deposit
 * is down, and the requester can no longer cancel it for a refund) or open (posted, not taken).
 */
function namedByJob(eb: ExpressionBuilder<Database, 'dataset_uploads'>, jobs: 'accepted' | 'open') {
  const naming = eb.selectFrom('dataset_spec_refs').innerJoin('jobs', 'jobs.spec_hash', 'dataset_spec_refs.spec_hash').select('jobs.job_id').whereRef('dataset_spec_refs.dataset_sha256', '=', 'dataset_uploads.sha256');
  return eb.exists(jobs === 'accepted' ? naming.where('jobs.node', 'is not', null) : naming.where('jobs.state', '=', 'posted'));
}

/**
 * One sweep of the dataset uploads, in one transaction:
 * 1. every unclaimed upload that the spec of an accepted job names (a node took it and put
 *    down its deposit, so the requester can no longer cancel it for a refund) is claimed;
 * 2. up to `limit` unclaimed uploads older than `uploadedBefore`, oldest first, that no open
 *    job names either (an open job's dataset stays, still counted, until a node takes it or
 *    the job is cancelled) are deleted with their dataset blobs;
 * and the bytes of both leave their uploaders' quotas and the pool. Blobs stored without an
 * upload row (none on the coordinator's API) are never touched. A crash leaves all of it or none.
 * @param db - an open, migrated database
 * @param input - the time, the expiry bound and the most removals
 */
export async function sweepDatasetUploads(db: Kysely<Database>, input: { at: number; uploadedBefore: number; limit: number }): Promise<DatasetSweep> {
  return db.transaction().execute(async (tx) => {
    const claimed = released(
      await tx
        .updateTable('dataset_uploads')
        .set({ claimed_at: input.at })
        .where('claimed_at', 'is', null)
        .where((eb) => namedByJob(eb, 'accepted'))
        .returning(['sha256', 'uploader', 'bytes'])
        .execute(),
    );
    const expired = await tx
      .selectFrom('dataset_uploads')
      .select('sha256')
      .where('claimed_at', 'is', null)
      .where('uploaded_at', '<', input.uploadedBefore)
      .where((eb) => eb.not(namedByJob(eb, 'open')))
      .orderBy('uploaded_at')
      .orderBy('sha256')
      .limit(input.limit)
      .execute();
    const removed: Released = [];
    for (const part of chunks(expired.map((r) => r.sha256), 256)) {
      removed.push(...released(await tx.deleteFrom('dataset_uploads').where('sha256', 'in', part).where('claimed_at', 'is', null).returning(['sha256', 'uploader', 'bytes']).execute()));
      await tx.deleteFrom('blobs').where('kind', '=', 'datasets').where('sha256', 'in', part).execute();
    }
    await giveBack(tx, [...claimed, ...removed]);
    return { claimed: claimed.length, removed };
  });
}
