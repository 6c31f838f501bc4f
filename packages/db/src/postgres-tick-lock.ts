import { sql, type Kysely } from 'kysely';
import type { TickLock } from '@tensorgrid/domain';
import { currentSchemaLockKey } from './advisory-lock-key';
import type { Database } from './schema';

/**
 * The tick lock on PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`) on one
 * pooled connection that is kept for the run, released with `pg_advisory_unlock` on that same
 * connection when `fn` settles. A session lock rather than a transaction-scoped one, so that no
 * transaction stays open across a pass's chain calls; if the connection dies mid-run, the
 * server drops the lock with the session and another replica can take over (the passes are
 * idempotent: stores write insert-or-nothing and roots are posted once). The key is derived
 * from the current schema and the name (`advisoryLockKey`), so replicas on the same schema
 * exclude each other and other deployments on the same database do not.
 * @param db - an open PostgreSQL database
 */
export function createPostgresTickLock(db: Kysely<Database>): TickLock {
  return {
    withExclusiveTick: (name, fn) =>
      db.connection().execute(async (conn) => {
        const key = await currentSchemaLockKey(conn, name);
        const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}::bigint) as locked`.execute(conn);
        if (rows[0]?.locked !== true) return { kind: 'held-elsewhere' as const };
        const unlock = () => sql`select pg_advisory_unlock(${key}::bigint)`.execute(conn);
        let value: Awaited<ReturnType<typeof fn>>;
        try {
          value = await fn();
        } catch (err) {
          // fn's error is the one to report. An unlock fails mostly with a lost session, which took the lock with it.
          await unlock().catch(() => undefined);
          throw err;
        }
        await unlock();
        return { kind: 'ran' as const, value };
      }),
  };
}
