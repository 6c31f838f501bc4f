import { sql, type Kysely } from 'kysely';
import { isPostgres } from './is-postgres';

/**
 * How far the database server's clock is ahead of this process's (ms; negative: behind),
 * against the midpoint of the query's round trip; undefined on embedded SQLite, whose clock is
 * this process's own. Replicas that share a PostgreSQL database compare times they each took
 * (a challenge round starts at its claimer's clock), so each checks itself against the one
 * clock they share.
 * @param db - an open database
 * @param now - this process's clock, ms since the epoch
 */
export async function databaseClockSkewMs<DB>(db: Kysely<DB>, now: () => number): Promise<number | undefined> {
  if (!isPostgres(db)) return undefined;
  const before = now();
  const { rows } = await sql<{ ms: string | number }>`select floor(extract(epoch from clock_timestamp()) * 1000) as ms`.execute(db);
  const after = now();
  return Number(rows[0]!.ms) - (before + after) / 2;
}
