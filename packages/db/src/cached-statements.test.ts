import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedStatements } from './cached-statements';

/** A real in-memory SQLite database that counts the statements it prepares. */
function countingDatabase() {
  const sqlite = new SqliteDatabase(':memory:');
  const prepared: string[] = [];
  return {
    sqlite,
    prepared,
    database: { prepare: (text: string) => (prepared.push(text), sqlite.prepare(text)), close: () => sqlite.close() },
  };
}

describe('cachedStatements', () => {
  let opened: { close(): void } | undefined;
  afterEach(() => opened?.close());

  it('prepares a SQL text once and reuses the statement with new parameters', () => {
    const { database, prepared } = countingDatabase();
    const cached = (opened = cachedStatements(database));
    cached.prepare('create table t (id integer primary key, name text)').run([]);
    const insert = cached.prepare('insert into t (name) values (?)');
    insert.run(['a']);
    cached.prepare('insert into t (name) values (?)').run(['b']);
    expect(cached.prepare('insert into t (name) values (?)')).toBe(insert);
    expect(cached.prepare('select name from t where id = ?').all([2])).toEqual([{ name: 'b' }]);
    expect(cached.prepare('select name from t where id = ?').all([1])).toEqual([{ name: 'a' }]);
    expect(prepared).toEqual(['create table t (id integer primary key, name text)', 'insert into t (name) values (?)', 'select name from t where id = ?']);
  });

  it('prepares a fresh statement for a SQL text whose cached one is still being iterated', () => {
    const { database, prepared } = countingDatabase();
    const cached = (opened = cachedStatements(database));
    cached.prepare('create table t (a integer)').run([]);
    for (const a of [1, 2]) cached.prepare('insert into t (a) values (?)').run([a]);
    const outer = cached.prepare('select a from t order by a');
    const seen: unknown[] = [];
    for (const row of outer.iterate([])) seen.push(row, cached.prepare('select a from t order by a').all([]));
    expect(seen).toEqual([{ a: 1 }, [{ a: 1 }, { a: 2 }], { a: 2 }, [{ a: 1 }, { a: 2 }]]);
    // The outer one, and one fresh statement that then served both inner reads.
    expect(prepared.filter((text) => text.startsWith('select'))).toHaveLength(2);
  });

  it('drops the least recently used statement beyond its capacity', () => {
    const { database, prepared } = countingDatabase();
    const cached = (opened = cachedStatements(database, 2));
    for (const text of ['select 1', 'select 2', 'select 1', 'select 3', 'select 1', 'select 2']) cached.prepare(text);
    // 'select 2' was the least recently used when 'select 3' came, so it was prepared again.
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
  });

  it('answers a cached select * with the columns a later migration added', () => {
    const { database } = countingDatabase();
    const cached = (opened = cachedStatements(database));
    cached.prepare('create table t (a integer)').run([]);
    cached.prepare('insert into t (a) values (1)').run([]);
    expect(cached.prepare('select * from t').all([])).toEqual([{ a: 1 }]);
    cached.prepare('alter table t add column b integer default 7').run([]);
    expect(cached.prepare('select * from t').all([])).toEqual([{ a: 1, b: 7 }]);
  });

  it('serves Kysely: the same query twice, and a transaction, through the single connection', async () => {
    const { database, prepared, sqlite } = countingDatabase();
    const db = new Kysely<{ t: { id: Generated<number>; name: string } }>({ dialect: new SqliteDialect({ database: cachedStatements(database) }) });
    await sql`create table t (id integer primary key, name text)`.execute(db);
    await db.transaction().execute(async (tx) => {
      for (const name of ['x', 'y', 'z']) await tx.insertInto('t').values({ name }).execute();
    });
    expect(await db.selectFrom('t').select('name').where('id', '>', 1).execute()).toEqual([{ name: 'y' }, { name: 'z' }]);
    expect(await db.selectFrom('t').select('name').where('id', '>', 2).execute()).toEqual([{ name: 'z' }]);
    expect(prepared.filter((text) => text.startsWith('insert'))).toHaveLength(1);
    expect(prepared.filter((text) => text.startsWith('select'))).toHaveLength(1);
    await db.destroy();
    expect(sqlite.open).toBe(false);
  });
});
