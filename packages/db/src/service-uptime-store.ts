import { sql, type Kysely } from 'kysely';
import type { ServiceUptimeStore } from '@tensorgrid/domain';
import type { Database } from './schema';

/**
 * The coordinator's runs over Kysely (`service_runs`, one row per process start).
 * @param db - an open, migrated database
 */
export function createServiceUptimeStore(db: Kysely<Database>): ServiceUptimeStore {
  return {
    async markAlive({ instance, startedAt, at }) {
      await db
        .insertInto('service_runs')
        .values({ instance, started_at: startedAt, alive_at: at })
        .onConflict((oc) => oc.column('instance').doUpdateSet({ alive_at: sql<number>`case when excluded.alive_at > service_runs.alive_at then excluded.alive_at else service_runs.alive_at end` }))
        .execute();
    },

    async runs({ fromMs, toMs }) {
      const rows = await db.selectFrom('service_runs').selectAll().where('alive_at', '>=', fromMs).where('started_at', '<=', toMs).orderBy('started_at').orderBy('instance').execute();
      return rows.map((r) => ({ instance: r.instance, startedAt: r.started_at, aliveAt: r.alive_at }));
    },

    async firstStartedAt() {
      const row = await db.selectFrom('service_runs').select((eb) => eb.fn.min<number | null>('started_at').as('first')).executeTakeFirst();
      return row?.first === null || row?.first === undefined ? undefined : Number(row.first);
    },
  };
}
