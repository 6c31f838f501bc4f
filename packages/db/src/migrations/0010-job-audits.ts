import type { Kysely } from 'kysely';
import { keyColumnType } from './key-column-type';

/**
 * Audits of verified jobs: `job_step_hashes` (a node's published leaves h_0 … h_T as one hex
 * string, write-once) and `job_audit_openings` (one whistleblower's opening of one unopened
 * transition per job and auditor, its JSON as received, write-once).
 */
export const jobAuditsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('job_step_hashes')
      .addColumn('job_id', 'bigint', (c) => c.primaryKey())
      .addColumn('hashes', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('job_audit_openings')
      .addColumn('job_id', 'bigint', (c) => c.notNull())
      .addColumn('auditor', keyColumnType(db), (c) => c.notNull())
      .addColumn('step', 'bigint', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('job_audit_openings_pk', ['job_id', 'auditor'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['job_audit_openings', 'job_step_hashes']) await db.schema.dropTable(table).execute();
  },
};
