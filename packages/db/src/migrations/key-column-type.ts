import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isPostgres } from '../is-postgres';

/**
 * The column type of text keys: on PostgreSQL with the "C" collation, so that `ORDER BY`
 * and keyset pagination compare bytes exactly as SQLite's default BINARY collation does.
 * @param db - the database being migrated
 */
export function keyColumnType(db: Kysely<unknown>): RawBuilder<unknown> {
  return isPostgres(db) ? sql`text collate "C"` : sql`text`;
}
