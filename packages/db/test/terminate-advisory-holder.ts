import { sql, type Kysely } from 'kysely';
import { advisoryLockKey } from '../src/advisory-lock-key';
import type { Database } from '../src/schema';

/**
 * Ends the PostgreSQL session holding the advisory lock `name` of `schema`, as a crashed
 * replica's session ends: the server drops its locks. Returns whether it killed one.
 * @param db - any connection to the database
 * @param lock - the schema and the lock's name
 */
export async function terminateAdvisoryHolder(db: Kysely<Database>, lock: { schema: string; name: string }): Promise<boolean> {
  const unsigned = BigInt.asUintN(64, advisoryLockKey(lock.schema, lock.name));
  const { rows } = await sql<{ killed: boolean }>`
    select pg_terminate_backend(pid) as killed from pg_locks
    where locktype = 'advisory' and granted and objsubid = 1
      and classid = ${(unsigned >> 32n).toString()}::bigint and objid = ${(unsigned & 0xffffffffn).toString()}::bigint`.execute(db);
  return rows.length === 1 && rows[0]!.killed;
}
