import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { ChallengeGroupSchedule, ChallengeRound, ChallengeScheduleStore } from '@tensorgrid/domain';
import { checkPageSize } from './check-page-size';
import { chunks } from './chunks';
import { toDeviceRecord } from './device-row';
import type { ChallengeGroupsTable, Database } from './schema';

function toSchedule(row: Selectable<ChallengeGroupsTable>): ChallengeGroupSchedule {
  return {
    group: row.group_key,
    simulated: row.simulated !== 0,
    nextRoundAt: row.next_round_at,
    retryPending: row.retry_pending !== 0,
    roundAt: row.round_at,
  };
}

/**
 * The challenge schedule on SQLite or PostgreSQL: `challenge_groups` and `devices.first_round_at`
 * (migration 0015). Claims are a compare-and-set on `next_round_at`, so of two replicas claiming
 * one round exactly one gets it; marks return the rows they changed, so of two replicas marking
 * one device exactly one gets it.
 * @param db - an open, migrated database
 */
export function createChallengeScheduleStore(db: Kysely<Database>): ChallengeScheduleStore {
  return {
    async unchallengedDevices(limit, after) {
      checkPageSize(limit, 1000);
      let q = db.selectFrom('devices').selectAll().where('first_round_at', 'is', null).where('state', '=', 'available');
      if (after) q = q.where((eb) => eb.or([eb('state_changed_at', '>', after.stateChangedAt), eb.and([eb('state_changed_at', '=', after.stateChangedAt), eb('id', '>', after.id)])]));
      const rows = await q.orderBy('state_changed_at').orderBy('id').limit(limit).execute();
      return rows.map(toDeviceRecord);
    },

    async availableMembers(of) {
      const q = db.selectFrom('devices').selectAll().where('state', '=', 'available');
      const rows = await ('operator' in of ? q.where('operator', '=', of.operator) : q.where('id', '=', of.deviceId)).orderBy('id').execute();
      return rows.map(toDeviceRecord);
    },

    async markInRound(ids, at) {
      const marked: string[] = [];
      for (const part of chunks(ids, 500)) {
        const rows = await db.updateTable('devices').set({ first_round_at: at }).where('id', 'in', part).where('first_round_at', 'is', null).returning('id').execute();
        marked.push(...rows.map((r) => r.id));
      }
      return marked;
    },

    async getGroup(group) {
      const row = await db.selectFrom('challenge_groups').selectAll().where('group_key', '=', group).executeTakeFirst();
      return row && toSchedule(row);
    },

    async addGroup(group, { simulated, dueAt }) {
      await db.insertInto('challenge_groups').values({ group_key: group, simulated: simulated ? 1 : 0, next_round_at: dueAt }).onConflict((oc) => oc.column('group_key').doNothing()).execute();
    },

    async dueGroups(now, limit) {
      checkPageSize(limit, 1000);
      // Real groups, then simulated ones: each one range of the (simulated, next_round_at) index.
      const due: ChallengeGroupSchedule[] = [];
      for (const simulated of [0, 1]) {
        if (due.length === limit) break;
        const rows = await db.selectFrom('challenge_groups').selectAll().where('simulated', '=', simulated).where('next_round_at', '<=', now)
          .orderBy('next_round_at').orderBy('group_key').limit(limit - due.length).execute();
        due.push(...rows.map(toSchedule));
      }
      return due;
    },

    async claimRound({ group, expectedNextAt, roundAt, nextAt }) {
      // The right-hand sides read the row as it was: the pending re-challenge becomes this round's.
      const row = await db
        .updateTable('challenge_groups')
        .set((eb) => ({ round_at: roundAt, next_round_at: nextAt, round_is_retry: eb.ref('retry_pending'), retry_pending: 0 }))
        .where('group_key', '=', group)
        .where('next_round_at', '=', expectedNextAt)
        .executeTakeFirst();
      return row.numUpdatedRows === 1n;
    },

    async roundsSince(since): Promise<ChallengeRound[]> {
      const rows = await db.selectFrom('challenge_groups').select(['group_key', 'round_at']).where('round_at', '>=', since).orderBy('round_at').orderBy('group_key').execute();
      return rows.map((r) => ({ group: r.group_key, roundAt: r.round_at! }));
    },

    async finishPart({ group, roundAt, missed, retryAt, notBefore }) {
      const later = (eb: ExpressionBuilder<Database, 'challenge_groups'>, at: number) => eb.case().when('next_round_at', '<', at).then(at).else(eb.ref('next_round_at')).end();
      await db.transaction().execute(async (tx) => {
        const thisRound = tx.updateTable('challenge_groups').where('group_key', '=', group).where('round_at', '=', roundAt);
        if (missed) {
          // The first miss replaces the regular next round; a later one only pushes the re-challenge back.
          await thisRound.where('round_is_retry', '=', 0).where('retry_pending', '=', 0).set({ next_round_at: retryAt, retry_pending: 1 }).execute();
        }
        await thisRound.where('retry_pending', '=', 1).set((eb) => ({ next_round_at: later(eb, retryAt) })).execute();
        if (notBefore !== undefined) await thisRound.where('retry_pending', '=', 0).set((eb) => ({ next_round_at: later(eb, notBefore) })).execute();
      });
    },
  };
}
