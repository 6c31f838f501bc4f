import type { Kysely } from 'kysely';
import type { ChallengeKind, ChallengeResultStore } from '@tensorgrid/domain';
import type { Database } from './schema';

const MAX_PAGE = 1000;

/**
 * Challenge outcomes over Kysely. Recording the same id twice keeps the first (a retried
 * write is harmless). Metrics are JSON text.
 * @param db - an open, migrated database
 */
export function createChallengeResultStore(db: Kysely<Database>): ChallengeResultStore {
  return {
    async record(r) {
      await db
        .insertInto('challenge_results')
        .values({ id: r.id, device_id: r.deviceId, kind: r.kind, issued_at: r.issuedAt, finished_at: r.finishedAt, passed: r.passed ? 1 : 0, reason: r.reason, metrics: JSON.stringify(r.metrics) })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
    async list(deviceId, { fromMs, toMs, limit, before }) {
      let query = db
        .selectFrom('challenge_results')
        .selectAll()
        .where('device_id', '=', deviceId)
        .where('issued_at', '>=', fromMs)
        .where('issued_at', '<', toMs);
      // Ids are key columns (byte order on both dialects), so the row comparison pages exactly.
      if (before) query = query.where((eb) => eb(eb.refTuple('issued_at', 'id'), '<', eb.tuple(before.issuedAt, before.id)));
      const rows = await query
        .orderBy('issued_at', 'desc')
        .orderBy('id', 'desc')
        .limit(Math.max(1, Math.min(MAX_PAGE, Math.floor(limit))))
        .execute();
      return rows.map((r) => ({
        id: r.id,
        deviceId: r.device_id,
        kind: r.kind as ChallengeKind,
        issuedAt: r.issued_at,
        finishedAt: r.finished_at,
        passed: r.passed === 1,
        reason: r.reason,
        metrics: JSON.parse(r.metrics) as Record<string, number>,
      }));
    },
  };
}
