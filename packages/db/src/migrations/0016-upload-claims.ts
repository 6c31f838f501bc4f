import { sql, type Kysely } from 'kysely';
import { keyColumnType } from './key-column-type';

/**
 * Unclaimed uploads expire. `dataset_uploads.claimed_at` is set once a node submits a result for a
 * job on the JobMarket that names the blob (through its spec: `dataset_spec_refs`, one row per stored spec
 * that names a stored dataset); `job_spec_uploads` does the same for stored job specs (stored
 * unsigned, so they count against the pool alone). `dataset_pool` holds the bytes of every
 * unclaimed upload, datasets and specs, the pool all uploaders share, raised only by a
 * conditional update like the per-uploader quotas; a quota now counts unclaimed bytes only.
 * Uploads made before this migration were made to be kept, and no spec stored before it has
 * its reference or its row recorded: they count as claimed when they were uploaded, or are not
 * tracked at all, so no sweep removes them, and every quota and the pool start at 0. `jobs`
 * gets an index on `spec_hash` for the sweep's lookups, and `job_index_cursor` the time the
 * index last caught up with the chain.
 */
export const uploadClaimsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('dataset_uploads').addColumn('claimed_at', 'bigint').execute();
    await db.schema.createIndex('dataset_uploads_unclaimed_idx').on('dataset_uploads').columns(['claimed_at', 'uploaded_at']).execute();
    await db.schema
      .createTable('dataset_spec_refs')
      // Plain text, as jobs.spec_hash: a join across collations could not use the index on jobs.
      .addColumn('spec_hash', 'text', (c) => c.primaryKey())
      .addColumn('dataset_sha256', keyColumnType(db), (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dataset_spec_refs_dataset_idx').on('dataset_spec_refs').column('dataset_sha256').execute();
    // A sweep looks up each unclaimed upload's specs among the indexed jobs.
    await db.schema.createIndex('jobs_spec_hash_idx').on('jobs').column('spec_hash').execute();
    await db.schema
      .createTable('job_spec_uploads')
      .addColumn('spec_hash', 'text', (c) => c.primaryKey())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('stored_at', 'bigint', (c) => c.notNull())
      .addColumn('claimed_at', 'bigint')
      .execute();
    await db.schema.createIndex('job_spec_uploads_unclaimed_idx').on('job_spec_uploads').columns(['claimed_at', 'stored_at']).execute();
    // When the job index last read up to the chain's head: a sweep removes nothing while that is long ago.
    await db.schema.alterTable('job_index_cursor').addColumn('caught_up_at', 'bigint').execute();
    await db.schema
      .createTable('dataset_pool')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('unclaimed_bytes', 'bigint', (c) => c.notNull())
      .execute();
    await sql`update dataset_uploads set claimed_at = uploaded_at`.execute(db);
    await sql`update dataset_quotas set used_bytes = 0`.execute(db);
    await sql`insert into dataset_pool (id, unclaimed_bytes) values (1, 0)`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('dataset_pool').execute();
    await db.schema.alterTable('job_index_cursor').dropColumn('caught_up_at').execute();
    await db.schema.dropTable('job_spec_uploads').execute();
    await db.schema.dropIndex('jobs_spec_hash_idx').execute();
    await db.schema.dropTable('dataset_spec_refs').execute();
    await db.schema.dropIndex('dataset_uploads_unclaimed_idx').execute();
    await db.schema.alterTable('dataset_uploads').dropColumn('claimed_at').execute();
  },
};
