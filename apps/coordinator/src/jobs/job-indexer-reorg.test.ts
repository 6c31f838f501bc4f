import { createJobIndexStore } from '@tensorgrid/db';
import type { JobIndexStore } from '@tensorgrid/domain';
import { openTestDatabase, type TestDatabase } from '@tensorgrid/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeMarket } from '../../test/fixtures/fake-job-market';
import { createJobIndexer } from './job-indexer';

describe('job indexer under reorganisations, restarts and other replicas', () => {
  let database: TestDatabase;
  let store: JobIndexStore;
  beforeEach(async () => {
    database = await openTestDatabase('sqlite');
    store = createJobIndexStore(database.db);
  });
  afterEach(async () => database.close());

  it('rebuilds from genesis when the contract changes, or when the chain stays below the cursor for three ticks (restarted), not before', async () => {
    const first = fakeMarket('0xold');
    first.change(1, 'JobPosted', {});
    first.mine(10);
    await createJobIndexer({ store, reader: first.reader }).tick();
    const restarted = fakeMarket('0xold');
    restarted.change(1, 'JobPosted', { fee: 77n });
    const afterRestart = createJobIndexer({ store, reader: restarted.reader });
    // One RPC behind the others looks the same for a tick or two: nothing is read, nothing wiped.
    for (let i = 0; i < 2; i++) expect(await afterRestart.tick()).toEqual({ jobs: 0, events: 0, reset: false });
    expect(await store.cursor()).toEqual({ contract: '0xold', block: 11, hash: first.hashOf(11) });
    expect(await afterRestart.tick()).toMatchObject({ reset: true, jobs: 1 });
    expect(await store.getJob(1n)).toMatchObject({ fee: 77n, postedBlock: 1 });
    const moved = fakeMarket('0xnew');
    moved.mine(2);
    expect(await createJobIndexer({ store, reader: moved.reader }).tick()).toMatchObject({ reset: true, jobs: 0 });
    expect(await store.getJob(1n)).toBeUndefined();
    expect(await store.cursor()).toEqual({ contract: '0xnew', block: 2, hash: moved.hashOf(2) });
  });

  it('keeps the index while the head is behind for fewer ticks in a row than the limit, and counts again from a tick at the head', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    chain.mine(10);
    let lagging = false;
    const indexer = createJobIndexer({ store, reader: { ...chain.reader, head: async () => (lagging ? 3 : chain.reader.head()) } });
    await indexer.tick();
    lagging = true;
    for (let i = 0; i < 2; i++) expect(await indexer.tick()).toEqual({ jobs: 0, events: 0, reset: false });
    lagging = false;
    chain.change(1, 'JobAccepted', { state: 'accepted', node: '0xnode', deposit: 4n });
    expect(await indexer.tick()).toMatchObject({ reset: false, events: 1 });
    lagging = true;
    for (let i = 0; i < 2; i++) expect(await indexer.tick()).toEqual({ jobs: 0, events: 0, reset: false });
    expect((await store.eventsOf(1n)).map((e) => e.name)).toEqual(['JobPosted', 'JobAccepted']);
    // The third tick in a row takes the chain at its word: back to the newest event block it still holds (the job's posting).
    expect(await indexer.tick()).toMatchObject({ reset: false, rewoundTo: 1, range: { from: 2, to: 3 } });
    expect(await store.getJob(1n)).toMatchObject({ state: 'posted', node: null, updatedBlock: 1 });
    lagging = false;
    expect(await indexer.tick()).toMatchObject({ reset: false, events: 1 });
    expect(await store.getJob(1n)).toMatchObject({ state: 'accepted', node: '0xnode' });
  });

  it('rewinds past a reorganisation deeper than its confirmations: drops what the lost blocks held, re-reads the jobs they touched, keeps the rest', async () => {
    const chain = fakeMarket('0xmarket');
    let now = 5_000;
    const indexer = createJobIndexer({ store, reader: chain.reader, now: () => now });
    chain.change(1, 'JobPosted', {});
    chain.change(2, 'JobPosted', {});
    await indexer.tick();
    chain.change(1, 'JobAccepted', { state: 'accepted', node: '0xnodea', deposit: 4n });
    chain.change(3, 'JobPosted', {});
    now = 6_000;
    await indexer.tick();
    expect(await store.getJob(3n)).toBeDefined();
    // Blocks 3 and 4 are lost: on the new fork another node accepts job 1 and job 3 is never posted.
    chain.reorg(2);
    chain.change(1, 'JobAccepted', { state: 'accepted', node: '0xnodeb', deposit: 4n });
    chain.mine(2);
    now = 9_000;
    const reads = chain.reader.reads;
    expect(await indexer.tick()).toEqual({ reset: false, rewoundTo: 2, range: { from: 3, to: 5 }, jobs: 1, events: 1 });
    // Job 1 read once as of block 2 by the rewind and once by the pass; job 3, posted after block 2, is dropped unread.
    expect(chain.reader.reads - reads).toBe(2);
    expect(await store.getJob(1n)).toMatchObject({ state: 'accepted', node: '0xnodeb', postedBlock: 1, updatedBlock: 5 });
    expect(await store.getJob(2n)).toMatchObject({ state: 'posted', updatedBlock: 2 });
    expect(await store.getJob(3n)).toBeUndefined();
    expect(await store.eventsOf(3n)).toEqual([]);
    // The kept event keeps when it was first stored; the new fork's is stored now.
    expect((await store.eventsOf(1n)).map((e) => [e.name, e.blockHash, e.indexedAt])).toEqual([['JobPosted', chain.hashOf(1), 5_000], ['JobAccepted', chain.hashOf(3), 9_000]]);
    expect(await store.cursor()).toEqual({ contract: '0xmarket', block: 5, hash: chain.hashOf(5) });
    // Read up to the head again within the tick: current from then (the rewind had forgotten the last time).
    expect(await store.caughtUpAt()).toBe(9_000);
    expect(await indexer.tick()).toEqual({ jobs: 0, events: 0, reset: false });
  });

  it('leaves a rewind to the replica that made it first: one from a cursor another replica moved writes nothing', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    chain.change(2, 'JobPosted', {});
    // Two replicas without a tick lock.
    const [a, b] = [createJobIndexer({ store, reader: chain.reader }), createJobIndexer({ store, reader: chain.reader })];
    await a.tick();
    chain.change(1, 'JobAccepted', { state: 'accepted', node: '0xnodea' });
    await a.tick();
    chain.reorg(2);
    chain.change(1, 'JobAccepted', { state: 'accepted', node: '0xnodeb' });
    chain.mine(1);
    // B finds the reorganisation and re-reads job 1 as of block 2; meanwhile A rewinds and reads up to the head.
    const { job } = chain.reader;
    chain.reader.job = async (id, atBlock) => {
      chain.reader.job = job;
      expect(await a.tick()).toMatchObject({ rewoundTo: 2, range: { from: 3, to: 4 } });
      return job(id, atBlock);
    };
    expect(await b.tick()).toEqual({ jobs: 0, events: 0, reset: false });
    expect(chain.reader.job).toBe(job);
    expect(await store.cursor()).toEqual({ contract: '0xmarket', block: 4, hash: chain.hashOf(4) });
    expect(await store.getJob(1n)).toMatchObject({ node: '0xnodeb', updatedBlock: 4 });
    expect(await b.tick()).toEqual({ jobs: 0, events: 0, reset: false });
  });

  it('reads on from a cursor stored before block hashes were, and stores its hash from then on', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    chain.change(2, 'JobPosted', {});
    await store.applyBatch({ cursor: { contract: '0xmarket', block: 1 }, jobs: [], events: [] });
    const indexer = createJobIndexer({ store, reader: chain.reader });
    expect(await indexer.tick()).toEqual({ range: { from: 2, to: 2 }, jobs: 1, events: 1, reset: false });
    expect(await store.cursor()).toEqual({ contract: '0xmarket', block: 2, hash: chain.hashOf(2) });
  });

  it("stores nothing from a pass begun before another replica reset the index, which then rebuilds from its first block", async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    const indexer = createJobIndexer({ store, reader: chain.reader });
    await indexer.tick();
    chain.change(2, 'JobPosted', {});
    const { events } = chain.reader;
    chain.reader.events = async (from, to) => {
      chain.reader.events = events;
      await store.reset();
      return events(from, to);
    };
    expect(await indexer.tick()).toEqual({ jobs: 0, events: 0, reset: false });
    expect(await store.cursor()).toBeUndefined();
    expect(await store.getJob(2n)).toBeUndefined();
    expect(await indexer.tick()).toEqual({ range: { from: 0, to: 2 }, jobs: 2, events: 2, reset: false });
  });

  it.each([
    ['while it read its events (its last block already read)', 'events'],
    ['before it read its last block (then only the block below tells)', 'blockHash'],
  ] as const)('refuses a pass when the chain was reorganised below it %s, and rewinds on the next tick', async (_, port) => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    chain.change(1, 'JobAccepted', { state: 'accepted', node: '0xnodea' });
    const indexer = createJobIndexer({ store, reader: chain.reader });
    await indexer.tick();
    chain.change(2, 'JobPosted', {});
    // After the tick checked the cursor (block 2), block 2 is lost: job 1 is accepted by another node on the new fork.
    const fork = () => {
      chain.reorg(1);
      chain.change(1, 'JobAccepted', { state: 'accepted', node: '0xnodeb' });
      chain.change(2, 'JobPosted', {});
    };
    const { events, blockHash } = chain.reader;
    if (port === 'events') chain.reader.events = async (from, to) => ((chain.reader.events = events), fork(), events(from, to));
    else chain.reader.blockHash = async (block) => (block === 3 && ((chain.reader.blockHash = blockHash), fork()), blockHash(block));
    await expect(indexer.tick()).rejects.toMatchObject({ code: 'CHAIN_ERROR', retryable: true });
    expect(await store.cursor()).toEqual({ contract: '0xmarket', block: 2, hash: expect.not.stringMatching(chain.hashOf(2)) as string });
    expect(await indexer.tick()).toMatchObject({ rewoundTo: 1, range: { from: 2, to: 3 }, events: 2 });
    expect(await store.getJob(1n)).toMatchObject({ node: '0xnodeb' });
    expect((await store.eventsOf(1n)).map((e) => e.blockHash)).toEqual([chain.hashOf(1), chain.hashOf(2)]);
  });

  it('records a job posted before the first block it reads as posted at its first event there, which a rewind past a later block keeps', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    chain.mine(4);
    chain.change(1, 'JobAccepted', { state: 'accepted', node: '0xnodea' });
    chain.change(2, 'JobPosted', {});
    chain.mine(3);
    const indexer = createJobIndexer({ store, reader: chain.reader }, { fromBlock: 3 });
    await indexer.tick();
    expect(await store.getJob(1n)).toMatchObject({ postedBlock: 6, updatedBlock: 10 });
    chain.reorg(8);
    chain.mine(3);
    expect(await indexer.tick()).toMatchObject({ rewoundTo: 7 });
    expect(await store.getJob(1n)).toMatchObject({ state: 'accepted', postedBlock: 6, updatedBlock: 7 });
  });

  it('treats a block the chain lacks below its head as an RPC behind the others: the tick fails, retryable, and nothing is dropped', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    chain.change(2, 'JobPosted', {});
    const indexer = createJobIndexer({ store, reader: chain.reader });
    await indexer.tick();
    chain.reorg(1);
    chain.mine(2);
    const blockHash = chain.reader.blockHash;
    chain.reader.blockHash = async (block) => (block === 1 ? undefined : blockHash(block));
    await expect(indexer.tick()).rejects.toMatchObject({ code: 'CHAIN_ERROR', retryable: true });
    expect(await store.getJob(2n)).toBeDefined();
    chain.reader.blockHash = blockHash;
    expect(await indexer.tick()).toMatchObject({ rewoundTo: 1, reset: false });
    expect(await store.getJob(2n)).toBeUndefined();
  });

  it('finds a reorganisation that only added events, and a chain restarted to a head past the cursor', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    chain.mine(3);
    const indexer = createJobIndexer({ store, reader: chain.reader });
    await indexer.tick();
    // The lost blocks held no event, so only the cursor's hash tells: the new fork posts job 2 below the cursor.
    chain.reorg(2);
    chain.change(2, 'JobPosted', {});
    chain.mine(1);
    expect(await indexer.tick()).toMatchObject({ rewoundTo: 1, range: { from: 2, to: 4 }, events: 1 });
    expect(await store.getJob(2n)).toMatchObject({ postedBlock: 3 });
    // A devnet restarted from genesis at the same address holds none of the indexed blocks: rebuilt at once.
    const restarted = fakeMarket('0xmarket');
    restarted.change(1, 'JobPosted', { fee: 77n });
    restarted.mine(5);
    expect(await createJobIndexer({ store, reader: restarted.reader }).tick()).toMatchObject({ reset: true, events: 1 });
    expect(await store.getJob(1n)).toMatchObject({ fee: 77n });
    expect(await store.getJob(2n)).toBeUndefined();
  });

  it('rebuilds when the newest event blocks to probe are all lost or were stored without a hash', async () => {
    const chain = fakeMarket('0xmarket');
    chain.change(1, 'JobPosted', {});
    chain.change(2, 'JobPosted', {});
    chain.change(3, 'JobPosted', {});
    await createJobIndexer({ store, reader: chain.reader }).tick();
    chain.reorg(1);
    chain.mine(3);
    // Blocks 3 and 2 are lost and a probe limit of 2 stops before block 1, which is held.
    expect(await createJobIndexer({ store, reader: chain.reader }, { maxRewindProbes: 2 }).tick()).toMatchObject({ reset: true, events: 1 });
    expect(await store.getJob(1n)).toBeDefined();
    expect(await store.getJob(2n)).toBeUndefined();
    // An event stored before hashes were (none on it) cannot be matched.
    const legacy = fakeMarket('0xlegacy');
    legacy.change(1, 'JobPosted', {});
    legacy.mine(2);
    await store.reset();
    const [posted] = await legacy.reader.events(1, 1);
    await store.applyBatch({ cursor: { contract: '0xlegacy', block: 2, hash: `0x${'ee'.repeat(32)}` }, jobs: [], events: [{ ...posted!, blockHash: undefined }] });
    expect(await createJobIndexer({ store, reader: legacy.reader }).tick()).toMatchObject({ reset: true, events: 1 });
  });
});
