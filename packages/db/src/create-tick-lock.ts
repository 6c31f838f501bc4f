import { PostgresAdapter, type Kysely } from 'kysely';
import type { TickLock } from '@tensorgrid/domain';
import { createInProcessTickLock } from './in-process-tick-lock';
import { createPostgresTickLock } from './postgres-tick-lock';
import type { Database } from './schema';

/**
 * The tick lock for a database: an advisory lock on PostgreSQL (exclusion between replicas),
 * an in-process mutex on embedded SQLite (one process opens it).
 * @param db - an open database
 */
export function createTickLock(db: Kysely<Database>): TickLock {
  return db.getExecutor().adapter instanceof PostgresAdapter ? createPostgresTickLock(db) : createInProcessTickLock(db);
}
