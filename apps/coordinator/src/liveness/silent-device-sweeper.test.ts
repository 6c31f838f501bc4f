import { createTickLock } from '@tensorgrid/db';
import type { TickLock } from '@tensorgrid/domain';
import { gate, openTestDatabase, until, type TestDatabase } from '@tensorgrid/test-utils';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIVENESS_SWEEP_TICK_LOCK, startSilentDeviceSweeper } from './silent-device-sweeper';

const log = pino({ level: 'silent' });

describe('silent-device sweeper', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase('sqlite');
  });
  afterEach(async () => database.close());

  it('sweeps with the grace it was given, and not while another replica holds the sweep lock', async () => {
    const graces: number[] = [];
    const registry = { sweepSilent: async (graceMs: number) => (graces.push(graceMs), []) };
    const lock = createTickLock(database.db);
    const released = gate();
    const held = gate();
    const holder = lock.withExclusiveTick(LIVENESS_SWEEP_TICK_LOCK, async () => {
      held.resolve();
      await released.promise;
    });
    await held.promise;
    let tries = 0;
    const counted: TickLock = { withExclusiveTick: (name, fn) => (tries++, lock.withExclusiveTick(name, fn)) };
    const stop = startSilentDeviceSweeper(registry, { graceMs: 0, intervalMs: 5, now: () => 0, lock: counted }, log);
    // Three sweeps come due with the lock held elsewhere: none runs.
    await until(() => tries >= 3, 'three sweep attempts');
    expect(graces).toEqual([]);
    released.resolve();
    await holder;
    await until(() => graces.length >= 2, 'sweeps once the lock is free');
    await stop();
    expect(new Set(graces)).toEqual(new Set([0]));
  });
});
