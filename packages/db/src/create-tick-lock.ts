import type { Kysely } from 'kysely';
import type { TickLock } from '@tensorgrid/domain';
import { isPostgres } from './is-postgres';
import { createInProcessTickLock } from './in-process-tick-lock';
import { createPostgresTickLock } from './postgres-tick-lock';
import type { Database } from './schema';

/**
 * The tick lock for a database: an advisory lock on PostgreSQL (exclusion between replicas),
 * an in-process mutex on embedded SQLite (one process opens it).
 * @param db - an open database
 */
export function createTickLock(db: Kysely<Database>): TickLock {
  return isPostgres(db) ? createPostgresTickLock(db) : createInProcessTickLock(db);
}
