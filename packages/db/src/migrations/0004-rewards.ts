import type { Kysely } from 'kysely';
import { keyColumnType } from './key-column-type';

/**
 * Block rewards: `reward_blocks`, `reward_pool_roots`, `reward_leaves`, `reward_misses`.
 * Amounts are decimal text (bigint base units); key columns use the "C" collation on
 * PostgreSQL so ordering matches SQLite's BINARY.
 */
export const rewardsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const key = keyColumnType(db);

    await db.schema
      .createTable('reward_blocks')
      .addColumn('block', 'bigint', (c) => c.primaryKey())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('device_emission', 'text', (c) => c.notNull())
      .addColumn('computed_at', 'bigint', (c) => c.notNull())
      .addColumn('leaf_count', 'integer', (c) => c.notNull())
      .addColumn('miss_count', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reward_blocks_state_idx').on('reward_blocks').columns(['state', 'block']).execute();

    await db.schema
      .createTable('reward_pool_roots')
      .addColumn('block', 'bigint', (c) => c.notNull().references('reward_blocks.block'))
      .addColumn('pool', 'text', (c) => c.notNull())
      .addColumn('allowance', 'text', (c) => c.notNull())
      .addColumn('root', 'text')
      .addColumn('total', 'text', (c) => c.notNull())
      .addColumn('tx_hash', 'text')
      .addColumn('posted_at', 'bigint')
      .addPrimaryKeyConstraint('reward_pool_roots_pk', ['block', 'pool'])
      .execute();

    await db.schema
      .createTable('reward_leaves')
      .addColumn('block', 'bigint', (c) => c.notNull().references('reward_blocks.block'))
      .addColumn('pool', 'text', (c) => c.notNull())
      .addColumn('device_id', key, (c) => c.notNull())
      .addColumn('beneficiary', 'text', (c) => c.notNull())
      .addColumn('account', key, (c) => c.notNull())
      .addColumn('weight', 'text', (c) => c.notNull())
      .addColumn('amount', 'text', (c) => c.notNull())
      .addColumn('proof', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('reward_leaves_pk', ['block', 'device_id'])
      .execute();
    await db.schema.createIndex('reward_leaves_account_idx').on('reward_leaves').columns(['account', 'block']).execute();
    await db.schema.createIndex('reward_leaves_device_idx').on('reward_leaves').columns(['device_id', 'block']).execute();

    await db.schema
      .createTable('reward_misses')
      .addColumn('block', 'bigint', (c) => c.notNull().references('reward_blocks.block'))
      .addColumn('device_id', key, (c) => c.notNull())
      .addColumn('account', key, (c) => c.notNull())
      .addColumn('failed', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('reward_misses_pk', ['block', 'device_id'])
      .execute();
    await db.schema.createIndex('reward_misses_account_idx').on('reward_misses').columns(['account', 'block']).execute();
    await db.schema.createIndex('reward_misses_device_idx').on('reward_misses').columns(['device_id', 'block']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['reward_misses', 'reward_leaves', 'reward_pool_roots', 'reward_blocks']) await db.schema.dropTable(table).execute();
  },
};
