import type { Kysely } from 'kysely';

/**
 * `job_index_cursor.block_hash` and `job_events.block_hash`: the hash of the cursor's block and
 * of each event's block as the index read them. A tick that finds another block at the cursor
 * (a reorganisation deeper than the confirmations) rewinds to the newest event block the chain
 * still holds. Rows stored before this migration have none: a cursor without a hash is not
 * checked until the next pass stores one, and an event block without one never counts as held.
 */
export const jobIndexBlockHashesMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('job_index_cursor').addColumn('block_hash', 'text').execute();
    await db.schema.alterTable('job_events').addColumn('block_hash', 'text').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('job_events').dropColumn('block_hash').execute();
    await db.schema.alterTable('job_index_cursor').dropColumn('block_hash').execute();
  },
};
