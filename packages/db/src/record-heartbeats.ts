import { sql, type Kysely, type Transaction } from 'kysely';
import type { HeartbeatWrite, RecordHeartbeatsItemResult } from '@tensorgrid/domain';
import type { DeviceState } from '@tensorgrid/protocol';
import { appendLivenessChange, livenessChangeOf } from './liveness-history-store';
import type { Database } from './schema';

/** Rows per UPDATE statement: 5 bound values each stays far below SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 1000;

/**
 * Group commit of heartbeats (`DeviceStore.recordHeartbeats`): one transaction, one
 * `UPDATE devices ... FROM (VALUES ...)` compare-and-set per round of distinct device ids
 * (a device that appears twice goes into the next round, so its heartbeats apply in order),
 * and one `SELECT` of the devices whose write did not happen, to say why. A write that
 * changes a device's state appends its liveness change in the same transaction. The same SQL runs
 * on SQLite (3.33+, UPDATE FROM and RETURNING) and PostgreSQL; VALUES columns are named
 * column1..column5 by both.
 * @param db - an open, migrated database
 * @param batch - the heartbeats, in arrival order
 */
export async function recordHeartbeats(db: Kysely<Database>, batch: readonly HeartbeatWrite[]): Promise<RecordHeartbeatsItemResult[]> {
  if (batch.length === 0) return [];
  const results = new Array<RecordHeartbeatsItemResult>(batch.length);
  await db.transaction().execute(async (tx) => {
    for (const round of rounds(batch)) {
      for (let start = 0; start < round.length; start += ROWS_PER_STATEMENT) {
        await applyRound(tx, { batch, indexes: round.slice(start, start + ROWS_PER_STATEMENT), results });
      }
    }
  });
  return results;
}

/** Splits item indexes into rounds in which every device id appears at most once, keeping each device's order. */
function rounds(batch: readonly HeartbeatWrite[]): number[][] {
  const out: number[][] = [];
  const seen = new Map<string, number>();
  batch.forEach((item, index) => {
    const round = seen.get(item.id) ?? 0;
    seen.set(item.id, round + 1);
    (out[round] ??= []).push(index);
  });
  return out;
}

async function applyRound(tx: Transaction<Database>, round: { batch: readonly HeartbeatWrite[]; indexes: number[]; results: RecordHeartbeatsItemResult[] }): Promise<void> {
  const { batch, indexes, results } = round;
  const values = sql.join(
    indexes.map((i) => {
      const h = batch[i]!;
      return sql`(${h.id}, cast(${h.seq} as bigint), cast(${h.at} as bigint), ${h.expectedState}, ${h.state})`;
    }),
  );
  // Right-hand sides read the row before the update, so state_changed_at moves only on a change.
  const { rows } = await sql<{ id: string; heartbeat_seq: number; state: DeviceState }>`
    update devices set
      heartbeat_seq = b.column2,
      last_heartbeat_at = b.column3,
      state = b.column5,
      state_changed_at = case when devices.state = b.column5 then devices.state_changed_at else b.column3 end
    from (values ${values}) as b
    where devices.id = b.column1 and devices.heartbeat_seq < b.column2 and devices.state = b.column4
    returning devices.id, devices.heartbeat_seq, devices.state`.execute(tx);
  const written = new Map(rows.map((r) => [r.id, r]));
  const missed: number[] = [];
  for (const i of indexes) {
    const row = written.get(batch[i]!.id);
    if (!row) {
      missed.push(i);
      continue;
    }
    const stateChanged = row.state !== batch[i]!.expectedState;
    results[i] = { kind: 'recorded', seq: Number(row.heartbeat_seq), state: row.state, stateChanged };
    // A state change (down → available, say) enters the liveness history in the same transaction.
    const change = stateChanged ? livenessChangeOf(row.state, batch[i]!.at) : undefined;
    if (change) await appendLivenessChange(tx, row.id, change);
  }
  if (missed.length === 0) return;
  const current = await tx.selectFrom('devices').select(['id', 'heartbeat_seq', 'state']).where('id', 'in', missed.map((i) => batch[i]!.id)).execute();
  const byId = new Map(current.map((r) => [r.id, r]));
  for (const i of missed) {
    const row = byId.get(batch[i]!.id);
    if (!row) results[i] = { kind: 'not-found' };
    else if (row.heartbeat_seq >= batch[i]!.seq) results[i] = { kind: 'stale-sequence', lastSeq: Number(row.heartbeat_seq) };
    else results[i] = { kind: 'state-changed', current: row.state };
  }
}
