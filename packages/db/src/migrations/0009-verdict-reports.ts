import type { Kysely } from 'kysely';
import { keyColumnType } from './key-column-type';

/**
 * `job_verdict_reports`: the verifier's write-once report on a job (its failures as JSON), the
 * one a referee re-runs when the node contests the rejection.
 */
export const verdictReportsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('job_verdict_reports')
      .addColumn('job_id', 'bigint', (c) => c.primaryKey())
      .addColumn('verifier', keyColumnType(db), (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('job_verdict_reports').execute();
  },
};
