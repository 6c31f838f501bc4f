import type { Kysely, Transaction } from 'kysely';
import type { DeviceState } from '@tensorgrid/protocol';
import type { LivenessChange, LivenessHistoryStore } from '@tensorgrid/domain';
import type { Database } from './schema';

/**
 * The liveness change a move to `state` means: up for available/busy, down for down/blocked,
 * none for pending (registered, not yet live).
 * @param state - the device's new state
 * @param at - when it moved, ms
 */
export function livenessChangeOf(state: DeviceState, at: number): LivenessChange | undefined {
  if (state === 'available' || state === 'busy') return { at, up: true };
  if (state === 'down' || state === 'blocked') return { at, up: false };
  return undefined;
}

/**
 * Appends a change unless it repeats the device's latest. A change stamped before the latest
 * one (a late writer, a skewed clock) is recorded at the latest one's time, so that a device's
 * history is in time order and alternates up/down in that order. Run it inside the transaction that
 * changes the device's state (the device store does): state and history then commit
 * together or not at all. On PostgreSQL that transaction holds the device row's lock, so
 * appends of one device are serialized and `seq` is free.
 * @param tx - a transaction (or the database, for a standalone append)
 * @param deviceId - the device
 * @param change - when and which way it changed
 */
export async function appendLivenessChange(tx: Kysely<Database> | Transaction<Database>, deviceId: string, change: LivenessChange): Promise<boolean> {
  const latest = await tx.selectFrom('liveness_changes').select(['seq', 'up', 'at']).where('device_id', '=', deviceId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (latest && (latest.up === 1) === change.up) return true;
  const inserted = await tx
    .insertInto('liveness_changes')
    .values({ device_id: deviceId, seq: (latest?.seq ?? 0) + 1, at: Math.max(change.at, latest ? Number(latest.at) : change.at), up: change.up ? 1 : 0 })
    .onConflict((oc) => oc.columns(['device_id', 'seq']).doNothing())
    .executeTakeFirst();
  return inserted.numInsertedOrUpdatedRows === 1n;
}

/**
 * Liveness history over Kysely. The registry's state changes append to it in their own
 * transactions (see `device-store.ts`); `recordChange` is for other writers.
 * @param db - an open, migrated database
 */
export function createLivenessHistoryStore(db: Kysely<Database>): LivenessHistoryStore {
  return {
    async recordChange(deviceId, change) {
      // A concurrent append may take the same seq: read again and retry.
      for (let attempt = 0; attempt < 5; attempt++) {
        if (await db.transaction().execute((tx) => appendLivenessChange(tx, deviceId, change))) return;
      }
      throw new Error(`Cannot append a liveness change of ${deviceId}: too much contention`);
    },

    async changes(deviceId, window) {
      const before = await db
        .selectFrom('liveness_changes')
        .select(['at', 'up'])
        .where('device_id', '=', deviceId)
        .where('at', '<', window.fromMs)
        .orderBy('at', 'desc')
        .orderBy('seq', 'desc')
        .limit(1)
        .execute();
      const inside = await db
        .selectFrom('liveness_changes')
        .select(['at', 'up'])
        .where('device_id', '=', deviceId)
        .where('at', '>=', window.fromMs)
        .where('at', '<', window.toMs)
        .orderBy('at')
        .orderBy('seq')
        .execute();
      return [...before, ...inside].map((r) => ({ at: r.at, up: r.up === 1 }));
    },
  };
}
