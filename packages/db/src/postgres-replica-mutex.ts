import { sql, type Kysely } from 'kysely';
import { DEFAULT_MUTEX_WAIT_MS, type ReplicaMutex } from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';
import { advisoryLockKey } from './advisory-lock-key';
import type { Database } from './schema';

/** SQLSTATE lock_not_available: `lock_timeout` ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The replica mutex on PostgreSQL: `pg_advisory_xact_lock` inside a transaction that lasts as
 * long as `fn` (which does not use it: the transaction only carries the lock), with
 * `lock_timeout` set for that transaction to the wait. The server queues waiters and drops the
 * lock when the transaction ends, by commit, rollback or the holder's session dying, so a
 * crashed replica never leaves it held. Each holder keeps one pooled connection until `fn`
 * settles, so what runs under it should be short (one chain send). Keyed like the tick lock:
 * schema and name (`advisoryLockKey`).
 * @param db - an open PostgreSQL database
 */
export function createPostgresReplicaMutex(db: Kysely<Database>): ReplicaMutex {
  return {
    withLock: (name, fn, options) =>
      db.transaction().execute(async (trx) => {
        const waitMs = options?.waitMs ?? DEFAULT_MUTEX_WAIT_MS;
        const { rows } = await sql<{ schema: string }>`select current_schema() as schema, set_config('lock_timeout', ${`${Math.max(1, Math.round(waitMs))}ms`}, true)`.execute(trx);
        const key = advisoryLockKey(rows[0]?.schema ?? '', name).toString();
        try {
          await sql`select pg_advisory_xact_lock(${key}::bigint)`.execute(trx);
        } catch (cause) {
          if ((cause as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw cause;
          throw new BaseError('TIMEOUT', `Lock ${name} was not free within ${waitMs} ms`, { details: 'Another replica kept it; the caller may retry.', cause });
        }
        return fn();
      }),
  };
}
