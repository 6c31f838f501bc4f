import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Prepared statements kept at most, least recently used dropped first. */
const DEFAULT_CAPACITY = 256;

/**
 * The SQLite database as Kysely's driver sees it, with its prepared statements kept by SQL
 * text: Kysely's SQLite driver prepares every query it runs, and parsing and planning the
 * same text again (the heartbeat group commit, say) is a large share of a short statement's
 * cost. The driver runs one query at a time on its single connection, so a statement is free
 * again when its query returns; the one exception, a streaming read inside a transaction that
 * runs the same SQL before the stream ends, gets a fresh statement.
 * @param database - an open better-sqlite3 database (or anything with `prepare` and `close`)
 * @param capacity - statements kept at most (least recently used dropped first)
 */
export function cachedStatements(database: SqliteDatabase, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      const cached = cache.get(sql);
      // A statement still being iterated (a stream read inside a transaction) cannot run again: prepare another.
      if (cached && !(cached as { busy?: boolean }).busy) {
        // Most recently used last: Map keeps insertion order.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      return statement;
    },
    close() {
      cache.clear();
      database.close();
    },
  };
}
