import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../is-postgres';
import { keyColumnType } from './key-column-type';

/**
 * `blobs`: content-addressed bytes (datasets, job specs) in the database every coordinator
 * replica shares, one row per (kind, SHA-256); bytea on PostgreSQL, BLOB on SQLite.
 */
export const blobsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const bytesType = isPostgres(db) ? sql`bytea` : sql`blob`;
    await db.schema
      .createTable('blobs')
      .addColumn('kind', keyColumnType(db), (c) => c.notNull())
      .addColumn('sha256', keyColumnType(db), (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('bytes', bytesType, (c) => c.notNull())
      .addPrimaryKeyConstraint('blobs_pk', ['kind', 'sha256'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('blobs').execute();
  },
};
