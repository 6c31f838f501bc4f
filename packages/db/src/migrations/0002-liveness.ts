import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../is-postgres';
import { keyColumnType } from './key-column-type';

/**
 * Liveness and the explorer: declared location on `devices`; `liveness_changes` (history
 * of up/down), `degraded_intervals` (regions in degraded mode), `device_network` (measured
 * throughput and latency) and `challenge_results`.
 */
export const livenessMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const key = keyColumnType(db);
    const real = isPostgres(db) ? sql`double precision` : sql`real`;

    for (const [column, type] of [['country', key], ['city', sql`text`], ['latitude', real], ['longitude', real]] as const) {
      await db.schema.alterTable('devices').addColumn(column, type).execute();
    }
    await db.schema.createIndex('devices_country_idx').on('devices').columns(['country', 'id']).execute();

    await db.schema
      .createTable('liveness_changes')
      .addColumn('device_id', key, (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('up', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('liveness_changes_pk', ['device_id', 'seq'])
      .execute();
    await db.schema.createIndex('liveness_changes_at_idx').on('liveness_changes').columns(['device_id', 'at']).execute();

    await db.schema
      .createTable('degraded_intervals')
      .addColumn('region', key, (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('ended_at', 'bigint')
      .addPrimaryKeyConstraint('degraded_intervals_pk', ['region', 'started_at'])
      .execute();
    // At most one open interval per region, enforced by the database (both dialects support partial unique indexes).
    await sql`create unique index degraded_intervals_open_idx on degraded_intervals (region) where ended_at is null`.execute(db);

    await db.schema
      .createTable('device_network')
      .addColumn('device_id', key, (c) => c.primaryKey())
      .addColumn('down_mbps', real)
      .addColumn('up_mbps', real)
      .addColumn('tier', 'text')
      .addColumn('throughput_at', 'bigint')
      .addColumn('latency_ms', real)
      .addColumn('last_rtt_ms', real)
      .addColumn('latency_at', 'bigint')
      .execute();

    await db.schema
      .createTable('challenge_results')
      .addColumn('id', key, (c) => c.primaryKey())
      .addColumn('device_id', key, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint', (c) => c.notNull())
      .addColumn('passed', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('metrics', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('challenge_results_device_idx').on('challenge_results').columns(['device_id', 'issued_at']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['challenge_results', 'device_network', 'degraded_intervals', 'liveness_changes']) await db.schema.dropTable(table).execute();
    await db.schema.dropIndex('devices_country_idx').execute();
    for (const column of ['longitude', 'latitude', 'city', 'country']) await db.schema.alterTable('devices').dropColumn(column).execute();
  },
};
