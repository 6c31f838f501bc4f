import type { Kysely } from 'kysely';

/**
 * `service_runs`: each coordinator process's run, from its start to the last time it marked
 * itself alive (every `SERVICE_ALIVE_EVERY_MS`), one row per process start. The gaps between
 * runs are the coordinator's outages, which deadlines for answers only it can receive (a
 * disputed tolerant step's opening) do not count.
 */
export const serviceRunsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('service_runs')
      .addColumn('instance', 'text', (c) => c.primaryKey())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('alive_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_runs_alive_idx').on('service_runs').column('alive_at').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('service_runs').execute();
  },
};
