import type { Kysely } from 'kysely';

/**
 * Indexes on `jobs.updated_block` and `jobs.posted_block`: a rewind after a reorganisation
 * lists the jobs read after the block it goes back to and drops those posted after it, which
 * without them scans the whole table.
 */
export const jobIndexBlockIndexesMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('jobs_updated_block_idx').on('jobs').column('updated_block').execute();
    await db.schema.createIndex('jobs_posted_block_idx').on('jobs').column('posted_block').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('jobs_posted_block_idx').execute();
    await db.schema.dropIndex('jobs_updated_block_idx').execute();
  },
};
