import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { BaseError } from '@tensorgrid/protocol';
import { cachedStatements } from './cached-statements';
import type { Database } from './schema';

/** Which SQL engine a database runs on. */
export type DatabaseKind = 'sqlite' | 'postgres';

/** Where to open the database. */
export type OpenDatabaseOptions =
  /** An embedded SQLite file (its directory is created), or ':memory:'. */
  | { kind: 'sqlite'; file: string }
  /**
   * A PostgreSQL server. With `schema`, the schema is created when missing and every
   * connection of the pool works inside it (its `search_path`): a lower-case identifier.
   */
  | { kind: 'postgres'; url: string; schema?: string };

/** An open database: the query builder, its kind, and how to close it. */
export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Closes every connection. Safe to call more than once. */
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const INT8_OID = 20;

/** Per-pool type parsers: bigint (int8) columns come back as JS numbers (all are ms or counters). */
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Opens a database: SQLite (WAL, NORMAL sync, foreign keys, 5 s busy timeout, prepared
 * statements kept by SQL text) or a
 * PostgreSQL pool. Does not migrate: call `migrateToLatest` after.
 * @param options - where the database lives
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  return options.kind === 'sqlite' ? openSqlite(options.file) : openPostgres(options.url, options.schema);
}

function openSqlite(file: string): OpenedDatabase {
  const inMemory = file === ':memory:' || file === '';
  let sqlite: SqliteDatabase.Database;
  try {
    if (!inMemory) mkdirSync(dirname(file), { recursive: true });
    sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
  } catch (cause) {
    throw new BaseError('UNAVAILABLE', `Cannot open SQLite database ${file}`, { cause, data: { file }, retryable: false });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }) });
  return { db, kind: 'sqlite', close: once(() => db.destroy()) };
}

async function openPostgres(url: string, schema: string | undefined): Promise<OpenedDatabase> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new BaseError('CONFIG_INVALID', `Invalid PostgreSQL schema name "${schema}"`, {
      details: 'Use a lower-case identifier: letters, digits and underscores, not starting with a digit.',
      data: { schema },
    });
  }
  const pool = new pg.Pool({
    connectionString: schema === undefined ? url : withSearchPath(url, schema),
    types: pgTypes,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client's socket error must not crash the process; the next checkout reconnects.
  pool.on('error', () => {});
  // Nor may a checked-out one's (pg-pool listens only on idle clients): a connection lost while
  // held between queries (a transaction, a tick lock held for a pass) fails its next query, and
  // the pool drops the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const close = once(() => db.destroy());
  if (schema !== undefined) {
    try {
      await createSchemaIfMissing(db, schema);
    } catch (cause) {
      await close();
      throw new BaseError('UNAVAILABLE', `Cannot prepare PostgreSQL schema ${schema}`, { cause, data: { schema } });
    }
  }
  return { db, kind: 'postgres', close };
}

/** Adds `-c search_path=<schema>` to the URL's `options` (the URL's values win over pool config in pg). */
function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  const existing = parsed.searchParams.get('options');
  parsed.searchParams.set('options', [existing, `-c search_path=${schema}`].filter(Boolean).join(' '));
  return parsed.toString();
}

async function createSchemaIfMissing(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (err) {
    // Two pools creating the same schema at once can both pass "if not exists"; one then
    // fails with a unique violation although the schema exists.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_namespace where nspname = ${schema}`.execute(db);
    if (rows[0]?.n !== 1) throw err;
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
