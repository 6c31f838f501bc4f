import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Whether a database is PostgreSQL (else embedded SQLite): for the few places where the two
 * need different SQL or a different adapter.
 * @param db - an open database
 */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
