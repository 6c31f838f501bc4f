import { createJobIndexStore, createTickLock } from '@tensorgrid/db';
import type { JobIndexStore } from '@tensorgrid/domain';
import { openTestDatabase, type TestDatabase } from '@tensorgrid/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeMarket } from '../../test/fixtures/fake-job-market';
import { CAUGHT_UP_EVERY_MS, createJobIndexer, JOB_INDEX_TICK_LOCK } from './job-indexer';

describe('job indexer', () => {
  let database: TestDatabase;
  let store: JobIndexStore;
  beforeEach(async () => {
    database = await openTestDatabase('sqlite');
    store = createJobIndexStore(database.db);
  });
  afterEach(async () => database.close());

  it('skips its tick while another replica holds the index lock, and catches up on the next', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    const lock = createTickLock(database.db);
    const indexer = createJobIndexer({ store, reader: chain.reader, lock });
    const held = await lock.withExclusiveTick(JOB_INDEX_TICK_LOCK, () => indexer.tick());
    expect(held).toEqual({ kind: 'ran', value: { jobs: 0, events: 0, reset: false } });
    expect(chain.reader.reads).toBe(0);
    expect(await store.cursor()).toBeUndefined();
    expect(await indexer.tick()).toEqual({ range: { from: 0, to: 1 }, jobs: 1, events: 1, reset: false });
  });

  it('stamps each event with the time its pass stored it (when a node could first see it through the index)', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    let now = 5_000;
    const indexer = createJobIndexer({ store, reader: chain.reader, now: () => now });
    await indexer.tick();
    chain.change(1, 'JobAccepted', { state: 'accepted', node: '0xnode', deposit: 4n });
    now = 9_000;
    await indexer.tick();
    expect((await store.eventsOf(1n)).map((e) => [e.name, e.indexedAt])).toEqual([['JobPosted', 5_000], ['JobAccepted', 9_000]]);
  });

  it('catches up over several bounded passes, reading each touched job once per pass at the pass end', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    chain.mine(5);
    chain.change(2, 'JobPosted', { fee: 9n });
    chain.change(1, 'JobAccepted', { state: 'accepted', node: '0xnode', deposit: 4n });
    chain.mine(3);
    const indexer = createJobIndexer({ store, reader: chain.reader }, { maxBlocksPerPass: 4 });
    expect(await indexer.tick()).toEqual({ range: { from: 0, to: 11 }, jobs: 3, events: 3, reset: false });
    expect(await store.cursor()).toEqual({ contract: '0xmarket', block: 11, hash: chain.hashOf(11) });
    expect(await store.getJob(1n)).toMatchObject({ state: 'accepted', node: '0xnode', postedBlock: 1, updatedBlock: 11 });
    expect(await store.getJob(2n)).toMatchObject({ state: 'posted', fee: 9n, postedBlock: 7 });
    expect((await store.eventsOf(1n)).map((e) => e.name)).toEqual(['JobPosted', 'JobAccepted']);
    expect(await indexer.tick()).toEqual({ jobs: 0, events: 0, reset: false });
  });

  it('records when a tick read up to the head, at most once a minute, and not when its passes ran out first', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    chain.mine(10);
    let now = 1_000;
    const bounded = createJobIndexer({ store, reader: chain.reader, now: () => now }, { maxBlocksPerPass: 2, maxPassesPerTick: 2 });
    await bounded.tick();
    expect(await store.cursor()).toEqual({ contract: '0xmarket', block: 3, hash: chain.hashOf(3) });
    expect(await store.caughtUpAt()).toBeUndefined();
    now = 2_000;
    await createJobIndexer({ store, reader: chain.reader, now: () => now }).tick();
    expect(await store.caughtUpAt()).toBe(2_000);
    // At the head already: still a caught-up tick.
    now = 3_000;
    const atHead = createJobIndexer({ store, reader: chain.reader, now: () => now });
    await atHead.tick();
    expect(await store.caughtUpAt()).toBe(3_000);
    // Recorded at most once a minute by one replica, not every tick.
    now = 3_000 + CAUGHT_UP_EVERY_MS - 1;
    await atHead.tick();
    expect(await store.caughtUpAt()).toBe(3_000);
    now = 3_000 + CAUGHT_UP_EVERY_MS;
    await atHead.tick();
    expect(await store.caughtUpAt()).toBe(3_000 + CAUGHT_UP_EVERY_MS);
    // A clock set back records at once, not a minute after the time it had reached.
    now = 4_000;
    await atHead.tick();
    expect(await store.caughtUpAt()).toBe(4_000);
  });

  it('starts an empty index at the deployment block, never reading the blocks before it', async () => {
    const chain = fakeMarket('0xmarket');
    chain.mine(40);
    chain.change(1, 'JobPosted', {});
    const ranges: [number, number][] = [];
    const events = chain.reader.events;
    chain.reader.events = (from, to) => (ranges.push([from, to]), events(from, to));
    expect(await createJobIndexer({ store, reader: chain.reader }, { fromBlock: 38, maxBlocksPerPass: 2 }).tick()).toEqual({ range: { from: 38, to: 41 }, jobs: 1, events: 1, reset: false });
    expect(ranges).toEqual([[38, 39], [40, 41]]);
    expect(await store.getJob(1n)).toMatchObject({ postedBlock: 41 });
  });

  it('stays the configured confirmations behind the head', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    chain.change(1, 'JobAccepted', { state: 'accepted' });
    const indexer = createJobIndexer({ store, reader: chain.reader }, { confirmations: 1 });
    await indexer.tick();
    expect(await store.cursor()).toEqual({ contract: '0xmarket', block: 1, hash: chain.hashOf(1) });
    expect((await store.getJob(1n))?.state).toBe('posted');
  });

  it('shares one tick among concurrent callers', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    const indexer = createJobIndexer({ store, reader: chain.reader });
    const [a, b] = await Promise.all([indexer.tick(), indexer.tick()]);
    expect(a).toBe(b);
    expect(chain.reader.reads).toBe(1);
  });
});
