import type { DatasetUploadStore } from '@tensorgrid/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';
import { sweepDatasetUploads } from './sweep-dataset-uploads';

/** Thrown inside the transaction to roll the upload row back when a limit would overflow. */
class OverLimit extends Error {
  constructor(readonly limit: 'quota' | 'pool') {
    super(limit);
  }
}

/** Raises the pool of unclaimed bytes by `bytes` if it stays within `poolBytes`; whether it did. */
async function raisePool(tx: Transaction<Database>, bytes: number, poolBytes: number): Promise<boolean> {
  const pooled = await tx
    .updateTable('dataset_pool')
    .set((eb) => ({ unclaimed_bytes: eb('unclaimed_bytes', '+', bytes) }))
    .where('id', '=', 1)
    .where((eb) => eb(eb('unclaimed_bytes', '+', bytes), '<=', poolBytes))
    .executeTakeFirst();
  return pooled.numUpdatedRows === 1n;
}

/** Starts an unclaimed dataset upload's expiry over at `at` (uploaded again, or named by a spec being stored). */
async function restartExpiry(tx: Transaction<Database>, sha256: string, at: number): Promise<void> {
  await tx.updateTable('dataset_uploads').set({ uploaded_at: at }).where('sha256', '=', sha256).where('claimed_at', 'is', null).where('uploaded_at', '<', at).execute();
}

/**
 * Dataset uploads, the job specs stored with them, per-uploader quotas and the shared pool of
 * unclaimed bytes, over Kysely. A reservation is one transaction: the upload row goes in unless the blob is known (`ON
 * CONFLICT DO NOTHING`), then the uploader's row and the pool's are raised only `WHERE bytes +
 * n <= limit`, in that order (a sweep locks them in the same order). Concurrent raises of one
 * row serialise on its row lock (PostgreSQL re-checks the condition on the new version) or on
 * SQLite's single writer, so together they never pass a limit; a refused one rolls back.
 * @param db - an open, migrated database
 */
export function createDatasetUploadStore(db: Kysely<Database>): DatasetUploadStore {
  const usedBytes = async (uploader: string): Promise<number> => {
    const row = await db.selectFrom('dataset_quotas').select('used_bytes').where('uploader', '=', uploader.toLowerCase()).executeTakeFirst();
    return row ? Number(row.used_bytes) : 0;
  };
  const unclaimedBytes = async (): Promise<number> => {
    const row = await db.selectFrom('dataset_pool').select('unclaimed_bytes').where('id', '=', 1).executeTakeFirstOrThrow();
    return Number(row.unclaimed_bytes);
  };
  return {
    async reserve({ uploader, sha256, bytes, quotaBytes, poolBytes, at }) {
      const who = uploader.toLowerCase();
      try {
        return await db.transaction().execute(async (tx) => {
          const inserted = await tx.insertInto('dataset_uploads').values({ sha256, uploader: who, bytes, uploaded_at: at, claimed_at: null }).onConflict((oc) => oc.column('sha256').doNothing()).executeTakeFirst();
          if (inserted.numInsertedOrUpdatedRows !== 1n) {
            // Uploaded again while unclaimed: it starts its expiry over, so no sweep removes it while this upload writes its blob.
            await restartExpiry(tx, sha256, at);
            const first = await tx.selectFrom('dataset_uploads').select('uploader').where('sha256', '=', sha256).executeTakeFirstOrThrow();
            return { kind: 'exists' as const, uploader: first.uploader };
          }
          await tx.insertInto('dataset_quotas').values({ uploader: who, used_bytes: 0 }).onConflict((oc) => oc.column('uploader').doNothing()).execute();
          const raised = await tx
            .updateTable('dataset_quotas')
            .set((eb) => ({ used_bytes: eb('used_bytes', '+', bytes) }))
            .where('uploader', '=', who)
            .where((eb) => eb(eb('used_bytes', '+', bytes), '<=', quotaBytes))
            .returning('used_bytes')
            .executeTakeFirst();
          if (!raised) throw new OverLimit('quota');
          if (!(await raisePool(tx, bytes, poolBytes))) throw new OverLimit('pool');
          return { kind: 'reserved' as const, usedBytes: Number(raised.used_bytes) };
        });
      } catch (err) {
        if (!(err instanceof OverLimit)) throw err;
        return err.limit === 'quota' ? { kind: 'over-quota', usedBytes: await usedBytes(who) } : { kind: 'pool-full', unclaimedBytes: await unclaimedBytes() };
      }
    },

    usedBytes,
    unclaimedBytes,

    async uploadOf(sha256) {
      const row = await db.selectFrom('dataset_uploads').selectAll().where('sha256', '=', sha256).executeTakeFirst();
      return row ? { uploader: row.uploader, bytes: Number(row.bytes), uploadedAt: Number(row.uploaded_at), claimedAt: row.claimed_at === null ? null : Number(row.claimed_at) } : undefined;
    },

    async reserveSpec({ specHash, bytes, poolBytes, at, dataset }) {
      const spec = specHash.toLowerCase();
      try {
        return await db.transaction().execute(async (tx) => {
          // In a sweep's lock order (dataset rows, spec rows, references, pool): the dataset first, its expiry started over so no sweep removes it under the spec.
          if (dataset !== undefined) {
            await restartExpiry(tx, dataset, at);
            const stored = await tx.selectFrom('blobs').select('sha256').where('kind', '=', 'datasets').where('sha256', '=', dataset).executeTakeFirst();
            if (!stored) return { kind: 'dataset-missing' as const };
          }
          const inserted = await tx.insertInto('job_spec_uploads').values({ spec_hash: spec, bytes, stored_at: at, claimed_at: null }).onConflict((oc) => oc.column('spec_hash').doNothing()).executeTakeFirst();
          const isNew = inserted.numInsertedOrUpdatedRows === 1n;
          // Stored again while unclaimed: it starts its expiry over, as a dataset uploaded again does.
          if (!isNew) await tx.updateTable('job_spec_uploads').set({ stored_at: at }).where('spec_hash', '=', spec).where('claimed_at', 'is', null).where('stored_at', '<', at).execute();
          if (dataset !== undefined) await tx.insertInto('dataset_spec_refs').values({ spec_hash: spec, dataset_sha256: dataset }).onConflict((oc) => oc.column('spec_hash').doNothing()).execute();
          if (isNew && !(await raisePool(tx, bytes, poolBytes))) throw new OverLimit('pool');
          return { kind: isNew ? ('reserved' as const) : ('exists' as const) };
        });
      } catch (err) {
        if (!(err instanceof OverLimit)) throw err;
        return { kind: 'pool-full', unclaimedBytes: await unclaimedBytes() };
      }
    },

    sweep: (input) => sweepDatasetUploads(db, input),
  };
}
