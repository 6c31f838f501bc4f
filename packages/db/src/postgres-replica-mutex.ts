import { sql, type Kysely } from 'kysely';
import { DEFAULT_MUTEX_WAIT_MS, type ReplicaMutex } from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';
import { currentSchemaLockKey } from './advisory-lock-key';
import type { Database } from './schema';

/** SQLSTATE lock_not_available: `lock_timeout` ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The replica mutex on PostgreSQL: `pg_advisory_xact_lock` inside a transaction, on one pooled
 * connection, that lasts as long as `fn` and carries nothing but the lock (`fn` does not use it),
 * with `lock_timeout` set for that transaction to the wait. The server queues waiters and drops
 * the lock when the transaction ends, by commit, rollback or the holder's session dying, so a
 * crashed replica never leaves it held. Once `fn` has resolved its value is returned even if the
 * commit then fails (the session died and took the lock with it; nothing was written), so a
 * chain send that went out is never reported as failed. Each holder keeps its connection until
 * `fn` settles, so what runs under it should be short (one chain send). Keyed like the tick
 * lock: schema and name (`advisoryLockKey`).
 * @param db - an open PostgreSQL database
 */
export function createPostgresReplicaMutex(db: Kysely<Database>): ReplicaMutex {
  return {
    withLock: (name, fn, options) =>
      db.connection().execute(async (conn) => {
        const waitMs = options?.waitMs ?? DEFAULT_MUTEX_WAIT_MS;
        const key = await currentSchemaLockKey(conn, name);
        await sql`begin`.execute(conn);
        const rollback = () => sql`rollback`.execute(conn).catch(() => undefined);
        try {
          await sql`select set_config('lock_timeout', ${`${Math.max(1, Math.round(waitMs))}ms`}, true)`.execute(conn);
          await sql`select pg_advisory_xact_lock(${key}::bigint)`.execute(conn);
        } catch (cause) {
          await rollback();
          if ((cause as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw cause;
          throw new BaseError('TIMEOUT', `Lock ${name} was not free within ${waitMs} ms`, { details: 'Another replica kept it; the caller may retry.', cause });
        }
        let value: Awaited<ReturnType<typeof fn>>;
        try {
          value = await fn();
        } catch (err) {
          await rollback();
          throw err;
        }
        await sql`commit`.execute(conn).catch(() => undefined);
        return value;
      }),
  };
}
