import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type DatabaseKind, type OpenedDatabase, migrateToLatest, openDatabase } from '@tensorgrid/db';

/** Every SQL dialect a store must pass its conformance suite on. */
export const DIALECTS = ['sqlite', 'postgres'] as const satisfies readonly DatabaseKind[];

/** The PostgreSQL server tests use: `TG_TEST_PG_URL`, else the local trust-auth server. */
export const TEST_PG_URL = process.env.TG_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A migrated throwaway database; `close()` deletes it (SQLite temp dir, or the PostgreSQL schema). */
export interface TestDatabase extends OpenedDatabase {
  /** The SQLite file, or the PostgreSQL schema the database lives in. */
  location: string;
}

/**
 * Opens a fresh, migrated database of the given kind: a SQLite file in a new temp dir, or
 * a new schema `t_<random>` on the test PostgreSQL server (dropped with CASCADE on close).
 * Fails, never skips, when PostgreSQL is unreachable.
 * @param kind - which dialect
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === 'sqlite' ? openTestSqlite() : openTestPostgres();
}

async function openTestSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'tg-db-'));
  const file = join(dir, 'test.sqlite');
  const opened = await openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(opened.db);
  return {
    ...opened,
    location: file,
    close: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openTestPostgres(): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let opened: OpenedDatabase;
  try {
    opened = await openDatabase({ kind: 'postgres', url: TEST_PG_URL, schema });
  } catch (cause) {
    const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
    throw new Error(
      `PostgreSQL is not reachable at ${redact(TEST_PG_URL)} (${reason}). The SQL conformance suites run on ` +
        'PostgreSQL too and never skip it: start PostgreSQL (e.g. `pg_ctlcluster 15 main start`, or `.ci/run`), ' +
        'or set TG_TEST_PG_URL to a server and database where you may create schemas.',
      { cause },
    );
  }
  const drop = async () => {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(opened.db);
  };
  try {
    await migrateToLatest(opened.db);
  } catch (err) {
    await drop().finally(() => opened.close());
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    ...opened,
    location: schema,
    close: () => (closing ??= drop().finally(() => opened.close())),
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
