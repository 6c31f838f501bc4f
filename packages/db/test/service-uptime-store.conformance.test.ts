import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceUptimeStore } from '@tensorgrid/domain';
import { DIALECTS, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createServiceUptimeStore } from '../src/service-uptime-store';

const T0 = 1_700_000_000_000;

describe.each(DIALECTS)('ServiceUptimeStore on %s', (kind) => {
  let database: TestDatabase;
  let store: ServiceUptimeStore;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createServiceUptimeStore(database.db);
  });
  afterEach(async () => database.close());

  it('records a run per instance and moves its alive mark forward, never back', async () => {
    await store.markAlive({ instance: 'a', startedAt: T0, at: T0 });
    await store.markAlive({ instance: 'a', startedAt: T0, at: T0 + 10_000 });
    await store.markAlive({ instance: 'a', startedAt: T0, at: T0 + 5_000 }); // a late write of an older mark
    await store.markAlive({ instance: 'b', startedAt: T0 + 60_000, at: T0 + 70_000 });
    expect(await store.runs({ fromMs: T0, toMs: T0 + 100_000 })).toEqual([
      { instance: 'a', startedAt: T0, aliveAt: T0 + 10_000 },
      { instance: 'b', startedAt: T0 + 60_000, aliveAt: T0 + 70_000 },
    ]);
  });

  it('knows when the first run began (none before any was recorded)', async () => {
    expect(await store.firstStartedAt()).toBeUndefined();
    await store.markAlive({ instance: 'b', startedAt: T0 + 5_000, at: T0 + 6_000 });
    await store.markAlive({ instance: 'a', startedAt: T0, at: T0 + 1_000 });
    expect(await store.firstStartedAt()).toBe(T0);
  });

  it('returns the runs alive at or after the window\'s start that started by its end', async () => {
    await store.markAlive({ instance: 'old', startedAt: T0, at: T0 + 1_000 });
    await store.markAlive({ instance: 'mid', startedAt: T0 + 2_000, at: T0 + 5_000 });
    await store.markAlive({ instance: 'new', startedAt: T0 + 9_000, at: T0 + 9_500 });
    expect((await store.runs({ fromMs: T0 + 1_000, toMs: T0 + 8_000 })).map((r) => r.instance)).toEqual(['old', 'mid']);
    expect((await store.runs({ fromMs: T0 + 1_001, toMs: T0 + 9_000 })).map((r) => r.instance)).toEqual(['mid', 'new']);
    expect(await store.runs({ fromMs: T0 + 10_000, toMs: T0 + 20_000 })).toEqual([]);
  });
});
