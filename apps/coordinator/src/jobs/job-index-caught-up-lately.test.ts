import { createJobIndexStore } from '@tensorgrid/db';
import type { JobIndexStore } from '@tensorgrid/domain';
import { openTestDatabase, type TestDatabase } from '@tensorgrid/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobIndexCaughtUpLately, jobIndexLagsAfterMs } from './job-index-caught-up-lately';
import { CAUGHT_UP_EVERY_MS } from './job-indexer';

describe('jobIndexCaughtUpLately on SQLite', () => {
  let database: TestDatabase;
  let store: JobIndexStore;
  let now = 0;
  beforeEach(async () => {
    database = await openTestDatabase('sqlite');
    store = createJobIndexStore(database.db);
  });
  afterEach(async () => database.close());

  const ready = () => jobIndexCaughtUpLately({ caughtUpAt: () => store.caughtUpAt(), clock: { now: () => now } }, { indexIntervalMs: 2_000 })();

  it('leaves a replica at the head twice its recording interval and three ticks', () => {
    expect(jobIndexLagsAfterMs(2_000)).toBe(2 * CAUGHT_UP_EVERY_MS + 6_000);
  });

  it('is not ready before the index first caught up, ready while its last catch-up is recent, and not once it is older than that', async () => {
    now = 1_000_000;
    expect(await ready()).toBe(false);
    await store.applyBatch({ cursor: { contract: '0xmarket', block: 1 }, jobs: [], events: [] }); // the index read its first blocks
    expect(await ready()).toBe(false);
    await store.markCaughtUp(now);
    expect(await ready()).toBe(true);
    now += jobIndexLagsAfterMs(2_000);
    expect(await ready()).toBe(true);
    now += 1;
    expect(await ready()).toBe(false);
    await store.markCaughtUp(now);
    expect(await ready()).toBe(true);
  });
});
