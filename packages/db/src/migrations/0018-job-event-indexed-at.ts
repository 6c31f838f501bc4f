import type { Kysely } from 'kysely';

/**
 * `job_events.indexed_at`: when the job index first stored the event (ms, the indexer's clock),
 * kept when a redone pass reads it again. A node sees a dispute, and can open the disputed step,
 * only through the index, so its opening window starts no earlier than this. Events stored
 * before this migration have none (their block's time stands).
 */
export const jobEventIndexedAtMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('job_events').addColumn('indexed_at', 'bigint').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('job_events').dropColumn('indexed_at').execute();
  },
};
