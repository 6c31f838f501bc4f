import type { Kysely } from 'kysely';
import type { ReplicaMutex } from '@tensorgrid/domain';
import { isPostgres } from './is-postgres';
import { createInProcessReplicaMutex } from './in-process-replica-mutex';
import { createPostgresReplicaMutex } from './postgres-replica-mutex';
import type { Database } from './schema';

/**
 * The replica mutex for a database: a transaction-scoped advisory lock on PostgreSQL
 * (exclusion between replicas), an in-process queue on embedded SQLite (one process opens it).
 * @param db - an open database
 */
export function createReplicaMutex(db: Kysely<Database>): ReplicaMutex {
  return isPostgres(db) ? createPostgresReplicaMutex(db) : createInProcessReplicaMutex(db);
}
