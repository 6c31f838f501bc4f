import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TickLock } from '@tensorgrid/domain';
import { DIALECTS, TEST_PG_URL, type TestDatabase, gate, openTestDatabase, until } from '@tensorgrid/test-utils';
import { createTickLock } from '../src/create-tick-lock';
import { openDatabase, type OpenedDatabase } from '../src/open-database';
import { terminateAdvisoryHolder } from './terminate-advisory-holder';

describe.each(DIALECTS)('TickLock on %s', (kind) => {
  let database: TestDatabase;
  /** The second replica's own connection pool on the same schema (PostgreSQL); on SQLite, one process opens the file. */
  let second: OpenedDatabase | undefined;
  let replicaA: TickLock;
  let replicaB: TickLock;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    replicaA = createTickLock(database.db);
    if (kind === 'postgres') {
      second = await openDatabase({ kind: 'postgres', url: TEST_PG_URL, schema: database.location });
      replicaB = createTickLock(second.db);
    } else {
      second = undefined;
      replicaB = createTickLock(database.db);
    }
  });
  afterEach(async () => {
    await second?.close();
    await database.close();
  });

  it('runs fn and returns its value when the lock is free', async () => {
    expect(await replicaA.withExclusiveTick('rewards.block-tick', async () => 42)).toEqual({ kind: 'ran', value: 42 });
    expect(await replicaB.withExclusiveTick('rewards.block-tick', async () => 'b')).toEqual({ kind: 'ran', value: 'b' });
  });

  it('refuses a second holder while the first runs, from another replica and from the same one; other names are free', async () => {
    const inside = gate();
    const release = gate();
    const first = replicaA.withExclusiveTick('rewards.block-tick', async () => {
      inside.resolve();
      await release.promise;
      return 'first';
    });
    await inside.promise;
    let secondRan = false;
    expect(await replicaB.withExclusiveTick('rewards.block-tick', async () => (secondRan = true))).toEqual({ kind: 'held-elsewhere' });
    expect(await replicaA.withExclusiveTick('rewards.block-tick', async () => (secondRan = true))).toEqual({ kind: 'held-elsewhere' });
    expect(secondRan).toBe(false);
    // A different lock is independent, and the holder's fn can use the database meanwhile.
    expect(await replicaB.withExclusiveTick('rewards.job-share-tick', async () => 'other')).toEqual({ kind: 'ran', value: 'other' });
    release.resolve();
    expect(await first).toEqual({ kind: 'ran', value: 'first' });
    expect(await replicaB.withExclusiveTick('rewards.block-tick', async () => 'after')).toEqual({ kind: 'ran', value: 'after' });
  });

  it('lets exactly one of many concurrent callers run', async () => {
    const release = gate();
    // The holder is let go once the other five were refused (or after 2 s, should more than one run).
    const fallback = setTimeout(release.resolve, 2000);
    let running = 0;
    let refused = 0;
    const results = await Promise.all(
      [replicaA, replicaB, replicaA, replicaB, replicaA, replicaB].map(async (lock, i) => {
        const result = await lock.withExclusiveTick('rewards.block-tick', async () => {
          running++;
          await release.promise;
          return i;
        });
        if (result.kind === 'held-elsewhere' && ++refused === 5) release.resolve();
        return result;
      }),
    );
    clearTimeout(fallback);
    expect(running).toBe(1);
    expect(results.filter((r) => r.kind === 'ran')).toHaveLength(1);
    expect(refused).toBe(5);
  });

  it('releases the lock when fn throws, and passes the error on', async () => {
    const boom = new Error('pass failed');
    await expect(replicaA.withExclusiveTick('rewards.block-tick', async () => Promise.reject(boom))).rejects.toBe(boom);
    expect(await replicaB.withExclusiveTick('rewards.block-tick', async () => 'taken')).toEqual({ kind: 'ran', value: 'taken' });
    expect(await replicaA.withExclusiveTick('rewards.block-tick', async () => 'again')).toEqual({ kind: 'ran', value: 'again' });
  });

  it('does not exclude a deployment on another database (another SQLite file, another PostgreSQL schema)', async () => {
    const other = await openTestDatabase(kind);
    try {
      const inside = gate();
      const release = gate();
      const first = replicaA.withExclusiveTick('rewards.block-tick', async () => {
        inside.resolve();
        await release.promise;
      });
      await inside.promise;
      expect(await createTickLock(other.db).withExclusiveTick('rewards.block-tick', async () => 'elsewhere')).toEqual({ kind: 'ran', value: 'elsewhere' });
      release.resolve();
      await first;
    } finally {
      await other.close();
    }
  });
});

describe('TickLock on postgres: a replica that dies holding the lock', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase('postgres');
  });
  afterEach(async () => database.close());

  it('frees the lock with its session, so another replica takes the next tick', async () => {
    const dying = await openDatabase({ kind: 'postgres', url: TEST_PG_URL, schema: database.location });
    try {
      const inside = gate();
      const release = gate();
      const holder = createTickLock(dying.db).withExclusiveTick('rewards.block-tick', async () => {
        inside.resolve();
        await release.promise;
      });
      await inside.promise;
      const survivor = createTickLock(database.db);
      expect(await survivor.withExclusiveTick('rewards.block-tick', async () => 'early')).toEqual({ kind: 'held-elsewhere' });
      // The holder's session ends as a crashed replica's would: the server drops its locks.
      expect(await terminateAdvisoryHolder(database.db, { schema: database.location, name: 'rewards.block-tick' })).toBe(true);
      await until(async () => (await survivor.withExclusiveTick('rewards.block-tick', async () => 'taken')).kind === 'ran', 'the lock freed by the dead session');
      release.resolve();
      // The dead replica's pass finished, but its unlock had no session left: its tick fails (and is retried next interval).
      await expect(holder).rejects.toThrow();
    } finally {
      await dying.close();
    }
  });
});
