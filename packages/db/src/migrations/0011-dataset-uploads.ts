import type { Kysely } from 'kysely';
import { keyColumnType } from './key-column-type';

/**
 * Signed dataset uploads: `dataset_uploads` (each blob's first uploader, its size and time) and
 * `dataset_quotas` (bytes each uploader holds, raised only by a conditional update so
 * concurrent uploads cannot overshoot the quota together).
 */
export const datasetUploadsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('dataset_uploads')
      .addColumn('sha256', keyColumnType(db), (c) => c.primaryKey())
      .addColumn('uploader', keyColumnType(db), (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dataset_uploads_uploader').on('dataset_uploads').column('uploader').execute();
    await db.schema
      .createTable('dataset_quotas')
      .addColumn('uploader', keyColumnType(db), (c) => c.primaryKey())
      .addColumn('used_bytes', 'bigint', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['dataset_quotas', 'dataset_uploads']) await db.schema.dropTable(table).execute();
  },
};
