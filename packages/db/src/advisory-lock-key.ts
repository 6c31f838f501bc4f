import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * The PostgreSQL advisory-lock key of a lock: the first 8 bytes of SHA-256 over `tensorgrid`,
 * the scope and the name (NUL-separated, as no identifier holds a NUL), read as a signed 64-bit
 * integer (advisory keys are `bigint`). Stable across processes, versions and platforms, so
 * every replica derives the same key; the scope
 * (the schema) keeps deployments that share one PostgreSQL database apart, since advisory
 * locks are database-wide.
 * @param scope - what the lock belongs to: the schema of the coordinator's tables
 * @param name - the lock's name
 */
export function advisoryLockKey(scope: string, name: string): bigint {
  return createHash('sha256').update(`tensorgrid\0${scope}\0${name}`, 'utf8').digest().readBigInt64BE(0);
}

/**
 * The advisory-lock key of `name` in the connection's current schema, as a decimal string for a
 * `::bigint` parameter.
 * @param conn - a PostgreSQL connection (or transaction)
 * @param name - the lock's name
 */
export async function currentSchemaLockKey(conn: Kysely<Database>, name: string): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(conn);
  return advisoryLockKey(rows[0]?.schema ?? '', name).toString();
}
