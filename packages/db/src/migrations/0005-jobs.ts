import type { Kysely } from 'kysely';
import { keyColumnType } from './key-column-type';

/**
 * The job index: `jobs` (each JobMarket job as last read), `job_events` (its events) and
 * `job_index_cursor` (the contract and the last block read). Amounts are decimal text;
 * `fee_per_gas` is a float copy of fee ÷ gas kept only to order the open-job list.
 */
export const jobsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const key = keyColumnType(db);

    await db.schema
      .createTable('jobs')
      .addColumn('job_id', 'bigint', (c) => c.primaryKey())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('requester', key, (c) => c.notNull())
      .addColumn('node', key)
      .addColumn('verifier', 'text')
      .addColumn('whistleblower', 'text')
      .addColumn('spec_hash', 'text', (c) => c.notNull())
      .addColumn('result_root', 'text')
      .addColumn('evidence', 'text')
      .addColumn('fee', 'text', (c) => c.notNull())
      .addColumn('gas', 'text', (c) => c.notNull())
      .addColumn('fee_per_gas', 'double precision', (c) => c.notNull())
      .addColumn('deposit', 'text', (c) => c.notNull())
      .addColumn('bond', 'text', (c) => c.notNull())
      .addColumn('deadline', 'bigint', (c) => c.notNull())
      .addColumn('challenge_ends_at', 'bigint')
      .addColumn('verdict_day', 'bigint')
      .addColumn('posted_block', 'bigint', (c) => c.notNull())
      .addColumn('updated_block', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('jobs_state_fee_idx').on('jobs').columns(['state', 'fee_per_gas', 'job_id']).execute();
    await db.schema.createIndex('jobs_state_deadline_idx').on('jobs').columns(['state', 'deadline', 'job_id']).execute();
    await db.schema.createIndex('jobs_requester_idx').on('jobs').columns(['requester', 'job_id']).execute();
    await db.schema.createIndex('jobs_node_idx').on('jobs').columns(['node', 'job_id']).execute();

    await db.schema
      .createTable('job_events')
      .addColumn('block', 'bigint', (c) => c.notNull())
      .addColumn('log_index', 'integer', (c) => c.notNull())
      .addColumn('job_id', 'bigint', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('tx_hash', 'text', (c) => c.notNull())
      .addColumn('args', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('job_events_pk', ['block', 'log_index'])
      .execute();
    await db.schema.createIndex('job_events_job_idx').on('job_events').columns(['job_id', 'block', 'log_index']).execute();

    await db.schema
      .createTable('job_index_cursor')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('contract', 'text', (c) => c.notNull())
      .addColumn('block', 'bigint', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['job_index_cursor', 'job_events', 'jobs']) await db.schema.dropTable(table).execute();
  },
};
