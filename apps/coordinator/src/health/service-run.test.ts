import { createServiceUptimeStore } from '@tensorgrid/db';
import { serviceOutages, type ServiceUptimeStore } from '@tensorgrid/domain';
import { openTestDatabase, type TestDatabase } from '@tensorgrid/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServiceRun } from './service-run';

const T0 = 1_700_000_000_000;

describe('createServiceRun on SQLite', () => {
  let database: TestDatabase;
  let store: ServiceUptimeStore;
  let now = T0;
  let failing = false;
  beforeEach(async () => {
    database = await openTestDatabase('sqlite');
    const real = createServiceUptimeStore(database.db);
    store = { ...real, markAlive: (run) => (failing ? Promise.reject(new Error('database unreachable')) : real.markAlive(run)) };
    now = T0;
    failing = false;
  });
  afterEach(async () => database.close());

  const markAt = async (ms: number, run: { mark(): Promise<void> }) => {
    now = T0 + ms;
    await run.mark().catch(() => undefined);
  };

  it('keeps one run while its marks succeed on time', async () => {
    const run = createServiceRun({ store, clock: { now: () => now } });
    for (const ms of [0, 10_000, 20_000, 30_000]) await markAt(ms, run);
    const runs = await store.runs({ fromMs: T0, toMs: T0 + 40_000 });
    expect(runs).toEqual([{ instance: expect.any(String), startedAt: T0, aliveAt: T0 + 30_000 }]);
    expect(serviceOutages(runs, { fromMs: T0, toMs: T0 + 40_000 })).toEqual([]);
  });

  it('begins a new run after marks failed for a while, so the stretch without them is an outage (the process lived, but stored nothing)', async () => {
    const run = createServiceRun({ store, clock: { now: () => now } });
    await markAt(0, run);
    await markAt(10_000, run);
    failing = true;
    for (const ms of [20_000, 30_000, 40_000, 50_000, 60_000, 70_000]) await markAt(ms, run);
    failing = false;
    await markAt(80_000, run);
    await markAt(90_000, run);
    const runs = await store.runs({ fromMs: T0, toMs: T0 + 100_000 });
    expect(runs.map((r) => [r.startedAt - T0, r.aliveAt - T0])).toEqual([[0, 10_000], [80_000, 90_000]]);
    expect(serviceOutages(runs, { fromMs: T0, toMs: T0 + 100_000 })).toEqual([{ from: T0 + 20_000, to: T0 + 80_000 }]);
  });
});
