import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplicaMutex } from '@tensorgrid/domain';
import { DIALECTS, TEST_PG_URL, type TestDatabase, gate, openTestDatabase } from '@tensorgrid/test-utils';
import { createReplicaMutex } from '../src/create-replica-mutex';
import { openDatabase, type OpenedDatabase } from '../src/open-database';
import { terminateAdvisoryHolder } from './terminate-advisory-holder';

const LOCK = 'chain.sends:31337:0xoracle';

describe.each(DIALECTS)('ReplicaMutex on %s', (kind) => {
  let database: TestDatabase;
  /** The second replica's own connection pool on the same schema (PostgreSQL); on SQLite, one process opens the file. */
  let second: OpenedDatabase | undefined;
  let replicaA: ReplicaMutex;
  let replicaB: ReplicaMutex;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    replicaA = createReplicaMutex(database.db);
    second = kind === 'postgres' ? await openDatabase({ kind: 'postgres', url: TEST_PG_URL, schema: database.location }) : undefined;
    replicaB = createReplicaMutex(second?.db ?? database.db);
  });
  afterEach(async () => {
    await second?.close();
    await database.close();
  });

  it('runs fn and returns its value', async () => {
    expect(await replicaA.withLock(LOCK, async () => 42)).toBe(42);
    expect(await replicaB.withLock(LOCK, async () => 'b')).toBe('b');
  });

  it('makes a second holder wait until the first is done, from another replica and from the same one; other names are free', async () => {
    const inside = gate();
    const release = gate();
    const order: string[] = [];
    const first = replicaA.withLock(LOCK, async () => {
      order.push('first in');
      inside.resolve();
      await release.promise;
      order.push('first out');
    });
    await inside.promise;
    const fromB = replicaB.withLock(LOCK, async () => void order.push('B'));
    const fromA = replicaA.withLock(LOCK, async () => void order.push('A'));
    // Another name is independent, and runs while the first holds its lock.
    expect(await replicaB.withLock('chain.sends:31337:0xother', async () => 'other')).toBe('other');
    // Give the waiters time to run, were they not waiting.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(order).toEqual(['first in']);
    release.resolve();
    await Promise.all([first, fromB, fromA]);
    expect(order.slice(0, 2)).toEqual(['first in', 'first out']);
    expect(order.slice(2).sort()).toEqual(['A', 'B']);
  });

  it('never runs two holders at once among many concurrent callers', async () => {
    let running = 0;
    let most = 0;
    const ran = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? replicaA : replicaB).withLock(LOCK, async () => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 10));
          running--;
          return i;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('releases the lock when fn throws, and passes the error on', async () => {
    const boom = new Error('send failed');
    await expect(replicaA.withLock(LOCK, async () => Promise.reject(boom))).rejects.toBe(boom);
    expect(await replicaB.withLock(LOCK, async () => 'taken')).toBe('taken');
  });

  it('gives up with a retryable TIMEOUT after waitMs, without running fn, and the lock stays usable', async () => {
    const inside = gate();
    const release = gate();
    const first = replicaA.withLock(LOCK, async () => {
      inside.resolve();
      await release.promise;
      return 'first';
    });
    await inside.promise;
    let ran = false;
    await expect(replicaB.withLock(LOCK, async () => (ran = true), { waitMs: 100 })).rejects.toMatchObject({ code: 'TIMEOUT', retryable: true });
    const queued = replicaB.withLock(LOCK, async () => 'after');
    release.resolve();
    expect(await first).toBe('first');
    expect(await queued).toBe('after');
    expect(ran).toBe(false);
  });
});

describe('ReplicaMutex on postgres: a replica that dies holding the lock', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase('postgres');
  });
  afterEach(async () => database.close());

  it('frees the lock with its session, so a waiting replica goes on', async () => {
    const dying = await openDatabase({ kind: 'postgres', url: TEST_PG_URL, schema: database.location });
    try {
      const inside = gate();
      const release = gate();
      const holder = createReplicaMutex(dying.db).withLock(LOCK, async () => {
        inside.resolve();
        await release.promise;
        return 'sent';
      });
      await inside.promise;
      const waiting = createReplicaMutex(database.db).withLock(LOCK, async () => 'went on');
      // The holder's session ends as a crashed replica's would: the server drops its locks.
      expect(await terminateAdvisoryHolder(database.db, { schema: database.location, name: LOCK })).toBe(true);
      expect(await waiting).toBe('went on');
      release.resolve();
      // The dead replica's fn finished: its value stands, though its transaction had no session left to commit on.
      expect(await holder).toBe('sent');
    } finally {
      await dying.close();
    }
  });
});
