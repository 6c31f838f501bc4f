import type { Kysely } from 'kysely';
import { keyColumnType } from './key-column-type';

/**
 * Job shares of UTC days: `job_share_days` (one row per settled day, with its root and posting)
 * and `job_share_leaves` (each node's payout with its proof); plus an index of the job index by
 * verdict day, which settling reads day by day.
 */
export const jobSharesMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const key = keyColumnType(db);
    await db.schema
      .createTable('job_share_days')
      .addColumn('day', 'bigint', (c) => c.primaryKey())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('allowance', 'text', (c) => c.notNull())
      .addColumn('total_shares', 'text', (c) => c.notNull())
      .addColumn('chain_block', 'bigint', (c) => c.notNull())
      .addColumn('root', 'text')
      .addColumn('total', 'text', (c) => c.notNull())
      .addColumn('leaf_count', 'integer', (c) => c.notNull())
      .addColumn('computed_at', 'bigint', (c) => c.notNull())
      .addColumn('tx_hash', 'text')
      .addColumn('posted_at', 'bigint')
      .execute();
    await db.schema.createIndex('job_share_days_state_idx').on('job_share_days').columns(['state', 'day']).execute();

    await db.schema
      .createTable('job_share_leaves')
      .addColumn('day', 'bigint', (c) => c.notNull().references('job_share_days.day'))
      .addColumn('node', key, (c) => c.notNull())
      .addColumn('beneficiary', 'text', (c) => c.notNull())
      .addColumn('shares', 'text', (c) => c.notNull())
      .addColumn('amount', 'text', (c) => c.notNull())
      .addColumn('proof', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('job_share_leaves_pk', ['day', 'node'])
      .execute();
    await db.schema.createIndex('job_share_leaves_node_idx').on('job_share_leaves').columns(['node', 'day']).execute();

    await db.schema.createIndex('jobs_verdict_day_idx').on('jobs').columns(['verdict_day', 'job_id']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('jobs_verdict_day_idx').execute();
    for (const table of ['job_share_leaves', 'job_share_days']) await db.schema.dropTable(table).execute();
  },
};
