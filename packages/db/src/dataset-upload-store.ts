import type { DatasetUploadStore } from '@tensorgrid/domain';
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** Thrown inside the transaction to roll the upload row back when the quota would overflow. */
class OverQuota extends Error {}

/**
 * Dataset uploads and per-uploader quotas over Kysely. A reservation is one transaction: the
 * upload row goes in unless the blob is known (`ON CONFLICT DO NOTHING`), then the uploader's
 * row is raised only `WHERE used_bytes + n <= quota`. Concurrent raises of one row serialise
 * on its row lock (PostgreSQL re-checks the condition on the new version) or on SQLite's
 * single writer, so together they never pass the quota; a refused one rolls its row back.
 * @param db - an open, migrated database
 */
export function createDatasetUploadStore(db: Kysely<Database>): DatasetUploadStore {
  const usedBytes = async (uploader: string): Promise<number> => {
    const row = await db.selectFrom('dataset_quotas').select('used_bytes').where('uploader', '=', uploader.toLowerCase()).executeTakeFirst();
    return row ? Number(row.used_bytes) : 0;
  };
  return {
    async reserve({ uploader, sha256, bytes, quotaBytes, at }) {
      const who = uploader.toLowerCase();
      try {
        return await db.transaction().execute(async (tx) => {
          const inserted = await tx.insertInto('dataset_uploads').values({ sha256, uploader: who, bytes, uploaded_at: at }).onConflict((oc) => oc.column('sha256').doNothing()).executeTakeFirst();
          if (inserted.numInsertedOrUpdatedRows !== 1n) {
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
          if (!raised) throw new OverQuota();
          return { kind: 'reserved' as const, usedBytes: Number(raised.used_bytes) };
        });
      } catch (err) {
        if (err instanceof OverQuota) return { kind: 'over-quota', usedBytes: await usedBytes(who) };
        throw err;
      }
    },

    usedBytes,

    async uploadOf(sha256) {
      const row = await db.selectFrom('dataset_uploads').selectAll().where('sha256', '=', sha256).executeTakeFirst();
      return row ? { uploader: row.uploader, bytes: Number(row.bytes), uploadedAt: Number(row.uploaded_at) } : undefined;
    },
  };
}
