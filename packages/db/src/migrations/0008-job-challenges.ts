import type { Kysely } from 'kysely';
import { keyColumnType } from './key-column-type';

/**
 * The challenge exchange: `job_challenges` (one verifier's challenge per job: its steps as a
 * JSON array, its beacon and answer deadline, Unix ms) and `job_openings` (the node's
 * write-once answer per challenged step, its JSON as received).
 */
export const jobChallengesMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const key = keyColumnType(db);
    await db.schema
      .createTable('job_challenges')
      .addColumn('job_id', 'bigint', (c) => c.primaryKey())
      .addColumn('verifier', key, (c) => c.notNull())
      .addColumn('steps', 'text', (c) => c.notNull())
      .addColumn('beacon', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'bigint', (c) => c.notNull())
      .addColumn('respond_by', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('job_openings')
      .addColumn('job_id', 'bigint', (c) => c.notNull())
      .addColumn('step', 'bigint', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('job_openings_pk', ['job_id', 'step'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['job_openings', 'job_challenges']) await db.schema.dropTable(table).execute();
  },
};
