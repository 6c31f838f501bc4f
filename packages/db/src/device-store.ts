import type { Kysely } from 'kysely';
import type { DeviceRecord, DeviceStore, ListDevicesQuery, RecordHeartbeatResult, RegisterDeviceResult } from '@tensorgrid/domain';
import type { DeviceState } from '@tensorgrid/protocol';
import { toDeviceRecord, toLocationColumns, toNewDeviceRow } from './device-row';
import { appendLivenessChange, livenessChangeOf } from './liveness-history-store';
import { recordHeartbeats } from './record-heartbeats';
import type { Database } from './schema';
import { checkPageSize } from './check-page-size';

/** States of a device that is expected to heartbeat; silence moves them to `down`. */
const LIVE_STATES = ['pending', 'available', 'busy'] as const satisfies readonly DeviceState[];

const MAX_PAGE = 1000;

/**
 * The device registry over Kysely: the same SQL on SQLite and PostgreSQL. Every method is
 * a single statement or one transaction.
 * @param db - an open, migrated database
 */
export function createDeviceStore(db: Kysely<Database>): DeviceStore {
  return {
    async registerDevice(registration, now): Promise<RegisterDeviceResult> {
      return db.transaction().execute(async (tx) => {
        const row = toNewDeviceRow(registration, now);
        // Insert-or-nothing tells creation apart from refresh on both dialects; a concurrent
        // registration of the same id waits for the first and then refreshes.
        const created = await tx
          .insertInto('devices')
          .values(row)
          .onConflict((oc) => oc.column('id').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (created) return { kind: 'created', device: toDeviceRecord(created) };
        // State, timestamps and heartbeat history stay (a blocked device stays blocked). The
        // operator is set once: kept when none is attested, refused when another one is.
        const operator = registration.operator;
        const refreshed = await tx
          .updateTable('devices')
          .set((eb) => ({ operator: operator === null ? eb.ref('operator') : operator, gpu_model: row.gpu_model, hardware: row.hardware, simulated: row.simulated, ...toLocationColumns(registration) }))
          .where('id', '=', registration.id)
          .where((eb) => (operator === null ? eb.lit(true) : eb.or([eb('operator', 'is', null), eb('operator', '=', operator)])))
          .returningAll()
          .executeTakeFirst();
        if (refreshed) return { kind: 'refreshed', device: toDeviceRecord(refreshed) };
        const current = await tx.selectFrom('devices').select('operator').where('id', '=', registration.id).executeTakeFirstOrThrow();
        return { kind: 'operator-conflict', operator: current.operator ?? '' };
      });
    },

    async getDevice(id): Promise<DeviceRecord | undefined> {
      const row = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toDeviceRecord(row);
    },

    async listDevices(query: ListDevicesQuery): Promise<DeviceRecord[]> {
      checkPageSize(query.limit, MAX_PAGE);
      let q = db.selectFrom('devices').selectAll();
      if (query.state !== undefined) q = q.where('state', '=', query.state);
      if (query.gpuModel !== undefined) q = q.where('gpu_model', '=', query.gpuModel);
      if (query.after !== undefined) q = q.where('id', '>', query.after);
      const rows = await q.orderBy('id').limit(query.limit).execute();
      return rows.map(toDeviceRecord);
    },

    async recordHeartbeat({ id, seq, at, expectedState, state }): Promise<RecordHeartbeatResult> {
      // The state change and its liveness-history entry commit together.
      const row = await db.transaction().execute(async (tx) => {
        const updated = await tx
          .updateTable('devices')
          .set((eb) => ({
            heartbeat_seq: seq,
            last_heartbeat_at: at,
            state,
            state_changed_at: eb.case().when('state', '=', state).then(eb.ref('state_changed_at')).else(at).end(),
          }))
          .where('id', '=', id)
          .where('heartbeat_seq', '<', seq)
          .where('state', '=', expectedState)
          .returningAll()
          .executeTakeFirst();
        const change = updated && state !== expectedState ? livenessChangeOf(state, at) : undefined;
        if (change) await appendLivenessChange(tx, id, change);
        return updated;
      });
      if (row) return { kind: 'recorded', device: toDeviceRecord(row) };
      const current = await db.selectFrom('devices').select(['heartbeat_seq', 'state']).where('id', '=', id).executeTakeFirst();
      if (!current) return { kind: 'not-found' };
      if (current.heartbeat_seq >= seq) return { kind: 'stale-sequence', lastSeq: current.heartbeat_seq };
      return { kind: 'state-changed', current: current.state };
    },

    recordHeartbeats: (batch) => recordHeartbeats(db, batch),

    async markSilentDevicesDown(cutoff, now): Promise<string[]> {
      // A device that never heartbeated was last seen when it registered.
      const rows = await db.transaction().execute(async (tx) => {
        const marked = await tx
          .updateTable('devices')
          .set({ state: 'down', state_changed_at: now })
          .where('state', 'in', LIVE_STATES)
          .where((eb) => eb(eb.fn.coalesce('last_heartbeat_at', 'registered_at'), '<', cutoff))
          .returning('id')
          .execute();
        for (const { id } of marked) await appendLivenessChange(tx, id, { at: now, up: false });
        return marked;
      });
      return rows.map((r) => r.id).sort(compareIds);
    },

    async setDeviceState(id, state, now): Promise<DeviceRecord | undefined> {
      const row = await db.transaction().execute(async (tx) => {
        const updated = await tx
          .updateTable('devices')
          .set((eb) => ({
            state,
            state_changed_at: eb.case().when('state', '=', state).then(eb.ref('state_changed_at')).else(now).end(),
          }))
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        const change = updated ? livenessChangeOf(state, now) : undefined;
        if (change) await appendLivenessChange(tx, id, change);
        return updated;
      });
      return row && toDeviceRecord(row);
    },
  };
}

/** Byte order, as the database orders ids. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
