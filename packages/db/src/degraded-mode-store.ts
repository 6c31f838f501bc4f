import { sql, type Kysely } from 'kysely';
import { UNKNOWN_REGION, type DegradedModeStore } from '@tensorgrid/domain';
import type { Database } from './schema';

/**
 * Degraded mode over Kysely. A partial unique index keeps at most one open interval per
 * region, so two replicas opening one at once cannot both succeed.
 * @param db - an open, migrated database
 */
export function createDegradedModeStore(db: Kysely<Database>): DegradedModeStore {
  return {
    async regionLiveness({ recentSince }) {
      const rows = await db
        .selectFrom('devices')
        .select((eb) => [
          eb.fn.coalesce('country', sql.lit(UNKNOWN_REGION)).as('region'),
          eb.fn.countAll<number>().as('devices'),
          eb.fn.sum<number>(eb.case().when('state', '=', 'down').then(1).else(0).end()).as('down'),
          eb.fn.min<number | null>(eb.case().when('state', '=', 'down').then(eb.ref('state_changed_at')).end()).as('first_down_at'),
        ])
        .where((eb) => eb.or([eb('state', 'in', ['available', 'busy']), eb.and([eb('state', '=', 'down'), eb('state_changed_at', '>=', recentSince)])]))
        .groupBy(sql`1`)
        .orderBy(sql`1`)
        .execute();
      return rows.map((r) => ({ region: r.region, devices: Number(r.devices), down: Number(r.down), ...(r.first_down_at === null ? {} : { firstDownAt: Number(r.first_down_at) }) }));
    },

    async startDegraded(region, at) {
      const open = await db.selectFrom('degraded_intervals').select('region').where('region', '=', region).where('ended_at', 'is', null).executeTakeFirst();
      if (open) return;
      await db.insertInto('degraded_intervals').values({ region, started_at: at, ended_at: null }).onConflict((oc) => oc.doNothing()).execute();
    },

    async endDegraded(region, at) {
      await db
        .updateTable('degraded_intervals')
        .set((eb) => ({ ended_at: eb.case().when('started_at', '>', at).then(eb.ref('started_at')).else(at).end() }))
        .where('region', '=', region)
        .where('ended_at', 'is', null)
        .execute();
    },

    async degradedRegions() {
      const rows = await db.selectFrom('degraded_intervals').select('region').where('ended_at', 'is', null).orderBy('region').execute();
      return rows.map((r) => r.region);
    },

    async degradedIntervals(region, { fromMs, toMs }) {
      const rows = await db
        .selectFrom('degraded_intervals')
        .select(['started_at', 'ended_at'])
        .where('region', '=', region)
        .where('started_at', '<', toMs)
        .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', fromMs)]))
        .orderBy('started_at')
        .execute();
      return rows.map((r) => ({ from: Math.max(r.started_at, fromMs), to: Math.min(r.ended_at ?? toMs, toMs) })).filter((i) => i.to > i.from);
    },
  };
}
