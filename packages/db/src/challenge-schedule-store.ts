import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { ChallengeGroupSchedule, ChallengeRound, ChallengeScheduleStore, DeviceRecord } from '@tensorgrid/domain';
import { checkPageSize } from './check-page-size';
import { chunks, ladderChunks } from './chunks';
import { toDeviceRecord } from './device-row';
import { isPostgres } from './is-postgres';
import type { ChallengeGroupsTable, Database } from './schema';

/** Rows of one claim or member read: few SQL texts, so they stay prepared (`ladderChunks`). */
const CHUNK_SIZES = [256, 64, 16, 4, 1];

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
 * one round exactly one gets it, many to a statement (`UPDATE … FROM (VALUES …)`, as the heartbeat
 * group commit); on PostgreSQL a claim skips the rows another replica's claim holds locked
 * (`FOR UPDATE SKIP LOCKED`), so two claims over the same groups neither wait nor deadlock. Marks
 * return the rows they changed, so of two replicas marking one device exactly one gets it.
 * @param db - an open, migrated database
 */
export function createChallengeScheduleStore(db: Kysely<Database>): ChallengeScheduleStore {
  const skipLocked = isPostgres(db) ? sql`for update of g skip locked` : sql``;
  return {
    async unchallengedDevices(limit, after) {
      checkPageSize(limit, 1000);
      let q = db.selectFrom('devices').selectAll().where('first_round_at', 'is', null).where('state', '=', 'available');
      if (after) q = q.where((eb) => eb.or([eb('state_changed_at', '>', after.stateChangedAt), eb.and([eb('state_changed_at', '=', after.stateChangedAt), eb('id', '>', after.id)])]));
      const rows = await q.orderBy('state_changed_at').orderBy('id').limit(limit).execute();
      return rows.map(toDeviceRecord);
    },

    async availableMembers(of) {
      const operators = new Set(of.flatMap((m) => ('operator' in m ? [m.operator] : [])));
      const ids = new Set(of.flatMap((m) => ('deviceId' in m ? [m.deviceId] : [])));
      const found = new Map<string, DeviceRecord>();
      for (const [column, values] of [['operator', [...operators]], ['id', [...ids]]] as const) {
        for (const part of ladderChunks(values, CHUNK_SIZES)) {
          const rows = await db.selectFrom('devices').selectAll().where('state', '=', 'available').where(column, 'in', part).execute();
          for (const row of rows) found.set(row.id, toDeviceRecord(row));
        }
      }
      return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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

    async claimRounds(claims, roundAt) {
      const won: string[] = [];
      for (const part of ladderChunks([...new Map(claims.map((c) => [c.group, c])).values()], CHUNK_SIZES)) {
        const values = sql.join(part.map((c) => sql`(${c.group}, cast(${c.expectedNextAt} as bigint), cast(${c.nextAt} as bigint))`));
        // The right-hand sides read the row as it was: the pending re-challenge becomes this round's.
        const { rows } = await sql<{ group_key: string }>`
          with claim (group_key, expected_at, next_at) as (values ${values}),
          free as (select g.group_key from challenge_groups g join claim on g.group_key = claim.group_key and g.next_round_at = claim.expected_at ${skipLocked})
          update challenge_groups
          set round_at = cast(${roundAt} as bigint), next_round_at = claim.next_at, round_is_retry = challenge_groups.retry_pending, retry_pending = 0
          from claim
          where challenge_groups.group_key = claim.group_key and challenge_groups.next_round_at = claim.expected_at
            and challenge_groups.group_key in (select group_key from free)
          returning challenge_groups.group_key`.execute(db);
        won.push(...rows.map((r) => r.group_key));
      }
      return won;
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
