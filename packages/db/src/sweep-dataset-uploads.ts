import type { DatasetSweep } from '@tensorgrid/domain';
import type { Kysely, Transaction } from 'kysely';
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
 * One sweep of the dataset uploads, in one transaction:
 * 1. every unclaimed upload that the spec of an indexed job names is claimed (`claimed_at`);
 * 2. up to `limit` unclaimed uploads older than `uploadedBefore`, oldest first, are deleted
 *    with their dataset blobs;
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
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('dataset_spec_refs')
              .innerJoin('jobs', 'jobs.spec_hash', 'dataset_spec_refs.spec_hash')
              .select('dataset_spec_refs.spec_hash')
              .whereRef('dataset_spec_refs.dataset_sha256', '=', 'dataset_uploads.sha256'),
          ),
        )
        .returning(['sha256', 'uploader', 'bytes'])
        .execute(),
    );
    const expired = await tx.selectFrom('dataset_uploads').select('sha256').where('claimed_at', 'is', null).where('uploaded_at', '<', input.uploadedBefore).orderBy('uploaded_at').orderBy('sha256').limit(input.limit).execute();
    const removed: Released = [];
    for (const part of chunks(expired.map((r) => r.sha256), 256)) {
      removed.push(...released(await tx.deleteFrom('dataset_uploads').where('sha256', 'in', part).where('claimed_at', 'is', null).returning(['sha256', 'uploader', 'bytes']).execute()));
      await tx.deleteFrom('blobs').where('kind', '=', 'datasets').where('sha256', 'in', part).execute();
    }
    await giveBack(tx, [...claimed, ...removed]);
    return { claimed: claimed.length, removed };
  });
}
