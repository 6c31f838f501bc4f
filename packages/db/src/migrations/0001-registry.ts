import type { Kysely } from 'kysely';
import { keyColumnType } from './key-column-type';

/**
 * The registry: `devices` and `request_nonces`.
 *
 * On PostgreSQL the key columns use the "C" collation so that `ORDER BY id` and keyset
 * pagination compare bytes, exactly as SQLite's default BINARY collation does.
 */
export const registryMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const key = keyColumnType(db);

    await db.schema
      .createTable('devices')
      .addColumn('id', key, (c) => c.primaryKey())
      .addColumn('operator', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('gpu_model', 'text')
      .addColumn('hardware', 'text', (c) => c.notNull())
      .addColumn('simulated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('registered_at', 'bigint', (c) => c.notNull())
      .addColumn('state_changed_at', 'bigint', (c) => c.notNull())
      .addColumn('last_heartbeat_at', 'bigint')
      .addColumn('heartbeat_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('devices_state_idx').on('devices').columns(['state', 'id']).execute();

    await db.schema
      .createTable('request_nonces')
      .addColumn('signer', key, (c) => c.notNull())
      .addColumn('nonce', key, (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('request_nonces_pk', ['signer', 'nonce'])
      .execute();
    await db.schema.createIndex('request_nonces_expires_at_idx').on('request_nonces').column('expires_at').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('request_nonces').execute();
    await db.schema.dropTable('devices').execute();
  },
};
