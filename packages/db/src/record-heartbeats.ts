import { sql, type Kysely, type Transaction } from 'kysely';
import type { HeartbeatWrite, RecordHeartbeatsItemResult } from '@tensorgrid/domain';
import { ladderChunks } from './chunks';
import { appendLivenessChange, livenessChangeOf } from './liveness-history-store';
import type { Database } from './schema';

/**
 * Rows of one statement: a round is cut into chunks of these sizes, largest first (`ladderChunks`),
 * so that the few SQL texts repeat and stay prepared (SQLite's statement cache, `cachedStatements`).
 * 5 bound values a row stays far below SQLite's 32,766 and PostgreSQL's 65,535.
 */
const CHUNK_SIZES = [1024, 256, 64, 16, 4, 1];

/**
 * Group commit of heartbeats (`DeviceStore.recordHeartbeats`): one transaction, and per round
 * of distinct device ids (a device that appears twice goes into the next round, so its
 * heartbeats apply in order) `UPDATE devices ... FROM (VALUES ...)` compare-and-sets, then one
 * `SELECT` of the devices whose write did not happen, to say why. A heartbeat that keeps the
 * device's state (nearly all of them) writes only its sequence number and time: its statement
 * leaves `state` alone, so SQLite does not rewrite the state index's entry for it. One that
 * changes the state also moves `state_changed_at` and appends its liveness change in the same
 * transaction. The same SQL runs on SQLite (3.33+, UPDATE FROM and RETURNING) and PostgreSQL;
 * VALUES columns are named column1..column5 by both.
 * @param db - an open, migrated database
 * @param batch - the heartbeats, in arrival order
 */
export async function recordHeartbeats(db: Kysely<Database>, batch: readonly HeartbeatWrite[]): Promise<RecordHeartbeatsItemResult[]> {
  if (batch.length === 0) return [];
  const results = new Array<RecordHeartbeatsItemResult>(batch.length);
  await db.transaction().execute(async (tx) => {
    for (const round of rounds(batch)) {
      const keeping = round.filter((i) => batch[i]!.state === batch[i]!.expectedState);
      const changing = round.filter((i) => batch[i]!.state !== batch[i]!.expectedState);
      for (const [indexes, changesState] of [[keeping, false], [changing, true]] as const) {
        for (const chunk of ladderChunks(indexes, CHUNK_SIZES)) await recordChunk(tx, { batch, indexes: chunk, results }, changesState);
      }
      for (const chunk of ladderChunks(round.filter((i) => results[i] === undefined), CHUNK_SIZES)) await explainMissed(tx, { batch, indexes: chunk, results });
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

/** Some items of a batch (by index), and where their results go. */
interface Items {
  batch: readonly HeartbeatWrite[];
  indexes: number[];
  results: RecordHeartbeatsItemResult[];
}

/**
 * One chunk's compare-and-set (sequence number above the stored one, state as expected), and a
 * result for each write that happened. With `changesState` the write also sets the state and
 * its time and appends the liveness change; without, the statement leaves `state` alone.
 */
async function recordChunk(tx: Transaction<Database>, { batch, indexes, results }: Items, changesState: boolean): Promise<void> {
  const values = sql.join(indexes.map((i) => {
    const h = batch[i]!;
    return sql`(${h.id}, cast(${h.seq} as bigint), cast(${h.at} as bigint), ${h.expectedState}, ${h.state})`;
  }));
  const setState = changesState ? sql`, state = b.column5, state_changed_at = b.column3` : sql``;
  const { rows } = await sql<{ id: string }>`
    update devices set heartbeat_seq = b.column2, last_heartbeat_at = b.column3${setState}
    from (values ${values}) as b
    where devices.id = b.column1 and devices.heartbeat_seq < b.column2 and devices.state = b.column4
    returning devices.id`.execute(tx);
  const written = new Set(rows.map((r) => r.id));
  for (const i of indexes) {
    const h = batch[i]!;
    if (!written.has(h.id)) continue;
    results[i] = { kind: 'recorded', seq: h.seq, state: h.state, stateChanged: changesState };
    const change = changesState ? livenessChangeOf(h.state, h.at) : undefined;
    if (change) await appendLivenessChange(tx, h.id, change);
  }
}

/** Says why each of these writes, which did not happen, was refused. */
async function explainMissed(tx: Transaction<Database>, { batch, indexes, results }: Items): Promise<void> {
  const current = await tx.selectFrom('devices').select(['id', 'heartbeat_seq', 'state']).where('id', 'in', indexes.map((i) => batch[i]!.id)).execute();
  const byId = new Map(current.map((r) => [r.id, r]));
  for (const i of indexes) {
    const row = byId.get(batch[i]!.id);
    if (!row) results[i] = { kind: 'not-found' };
    else if (row.heartbeat_seq >= batch[i]!.seq) results[i] = { kind: 'stale-sequence', lastSeq: Number(row.heartbeat_seq) };
    else results[i] = { kind: 'state-changed', current: row.state };
  }
}
