import type { IndexedJob, JobIndexCursor, JobIndexStore, TickLock } from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';
import type { Logger } from 'pino';
import { exclusivePass } from '../exclusive-pass';
import { periodicTask, type PeriodicTask } from '../periodic-task';
import type { JobMarketReader } from './core/job-market-reader';

/** The tick lock the indexer's passes run under. */
export const JOB_INDEX_TICK_LOCK = 'jobs.index-tick';

/** Options of the job indexer. */
export interface JobIndexerOptions {
  /** Blocks behind the head the index stays, so a shallow reorg never reaches it. @default 0 (anvil) */
  confirmations?: number;
  /** Most blocks read per pass (providers cap `eth_getLogs` ranges). @default 2000 */
  maxBlocksPerPass?: number;
  /** Most passes per tick, so one tick catches up a long way but never runs unbounded. @default 50 */
  maxPassesPerTick?: number;
  /** Jobs read from the contract at once. @default 8 */
  readConcurrency?: number;
  /** The block the contract was deployed at: an empty index starts there, not at genesis. @default 0 */
  fromBlock?: number;
  /**
   * Ticks in a row the chain's head must be below the cursor before the index is rebuilt (a chain
   * restarted from genesis): one RPC backend behind the others must not wipe it. @default 3
   */
  rebuildAfterTicksBehind?: number;
  /**
   * Event blocks, newest first, checked against the chain for the one to rewind to after a
   * reorganisation; when none of them is still held, the index is rebuilt. @default 64
   */
  maxRewindProbes?: number;
}

/** What one tick did. */
export interface JobIndexTick {
  /** Blocks read, inclusive; undefined when the index was already at the head. */
  range?: { from: number; to: number };
  /** Job readings written (a job touched in two passes is read, and counted, twice). */
  jobs: number;
  events: number;
  /** Whether the index was wiped first (another contract, or a chain reset under it). */
  reset: boolean;
  /** The block the index moved back to first, after a reorganisation; absent when it did not. */
  rewoundTo?: number;
}

/** The job indexer: each tick reads every block between the cursor and the head (bounded). */
export type JobIndexer = PeriodicTask<JobIndexTick>;

/**
 * How often a replica at the chain's head records it: the upload sweeper counts the index stale
 * after 5 minutes without a record, so one a minute keeps it fresh without a write every tick.
 */
export const CAUGHT_UP_EVERY_MS = 60_000;

/**
 * Creates the job indexer (Emeth's job info server). Each pass reads the events of a block
 * range, then re-reads every job they touch from the contract as of the range's last block,
 * and stores jobs, events and cursor in one transaction: the stored state is the contract's
 * own, never a replay of events, and a crash mid-pass only repeats the pass. Each event keeps
 * when the index first stored it (`JobEventRecord.indexedAt`).
 *
 * Reorganisations: the cursor and every event keep their block's hash. A tick that finds another
 * block at the cursor, or the head below the cursor for `rebuildAfterTicksBehind` ticks in a row
 * (one RPC backend behind the rest must not count), rewinds: the newest event block the chain
 * still holds becomes the cursor, later events and jobs posted after it are dropped, jobs read
 * after it are read again as of it, and the tick goes on from there. Events it re-reads are
 * stored anew, with the tick's time (a node saw none of them through the index meanwhile). A
 * pass that finds the block below it changed while it read stores nothing of its own and ends
 * the tick (the next one rewinds). When no event block within `maxRewindProbes` at or below the
 * head is still held (a devnet restarted from genesis), one was stored before hashes were, or
 * the cursor names another contract, the index is wiped and rebuilt from `fromBlock`.
 *
 * A tick that reads up to the head records when (`JobIndexStore.markCaughtUp`), at most once
 * every {@link CAUGHT_UP_EVERY_MS}. With a tick lock, replicas on one database take turns
 * ({@link JOB_INDEX_TICK_LOCK}): a replica that does not get it skips the tick and reports
 * nothing read.
 * @param deps - the store, the contract reader, the log and the replicas' tick lock
 * @param options - confirmations and batch bounds
 */
export function createJobIndexer(
  deps: { store: JobIndexStore; reader: JobMarketReader; log?: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>; lock?: TickLock; now?: () => number },
  options: JobIndexerOptions = {},
): JobIndexer {
  const { store, reader } = deps;
  const confirmations = options.confirmations ?? 0;
  const maxBlocks = options.maxBlocksPerPass ?? 2000;
  const maxPasses = options.maxPassesPerTick ?? 50;
  const concurrency = options.readConcurrency ?? 8;
  const fromBlock = options.fromBlock ?? 0;
  const rebuildAfter = options.rebuildAfterTicksBehind ?? 3;
  const maxProbes = options.maxRewindProbes ?? 64;
  const clock = deps.now ?? Date.now;
  let lastMarked = Number.NEGATIVE_INFINITY;
  let ticksBehind = 0;

  /** Reads jobs as of a block, a few at a time: the block each was posted in, by job id. */
  async function readJobs(postedIn: ReadonlyMap<bigint, number>, atBlock: number): Promise<IndexedJob[]> {
    const ids = [...postedIn.keys()];
    const jobs: IndexedJob[] = [];
    for (let i = 0; i < ids.length; i += concurrency) {
      const readings = await Promise.all(ids.slice(i, i + concurrency).map((id) => reader.job(id, atBlock)));
      jobs.push(...readings.map((j) => ({ ...j, postedBlock: postedIn.get(j.jobId)!, updatedBlock: atBlock })));
    }
    return jobs;
  }

  /** The first block a pass on top of `cursor` reads: the one after it, or `fromBlock` for an empty index. */
  const startAfter = (cursor: JobIndexCursor | undefined): number => (cursor ? cursor.block + 1 : fromBlock);

  async function hashOf(block: number): Promise<string> {
    const hash = await reader.blockHash(block);
    if (hash === undefined) throw new BaseError('CHAIN_ERROR', `The chain has no block ${block} although its head is past it (an RPC backend behind the others?); the job index retries next tick`, { retryable: true });
    return hash;
  }

  /**
   * Reads the blocks after the stored cursor `parent` (from `fromBlock` for an empty index) up to
   * at most `head`, and stores them only while the store still holds `parent`.
   * @throws {BaseError} CHAIN_ERROR when the chain was reorganised at or below the cursor during the pass (the next tick rewinds)
   */
  async function pass(head: number, parent: JobIndexCursor | undefined): Promise<{ cursor: JobIndexCursor; jobs: number; events: number; applied: boolean }> {
    const from = startAfter(parent);
    const to = Math.min(head, from + maxBlocks - 1);
    // Read before the events: a reorganisation after this shows as another hash at the cursor next tick.
    const hash = await hashOf(to);
    const events = await reader.events(from, to);
    // A job's first event here is its posting, or (a job posted before `fromBlock`) the first the index saw;
    // a job stored by an earlier pass keeps its stored posted block (the store never overwrites it).
    const firstSeen = new Map<bigint, number>();
    for (const e of events) if (!firstSeen.has(e.jobId)) firstSeen.set(e.jobId, e.block);
    const jobs = await readJobs(firstSeen, to);
    // One before this: a reorganisation at or below the cursor since it was checked would leave the lost fork's rows below it.
    if (parent?.hash !== undefined && (await hashOf(parent.block)) !== parent.hash) {
      throw new BaseError('CHAIN_ERROR', `The chain was reorganised at or below block ${parent.block} while the job index read past it; it rewinds next tick`, { retryable: true });
    }
    // Stamped with the time it is stored: a node sees an event (a dispute, say) through the index from then on.
    const cursor = { contract: reader.contract, block: to, hash };
    const applied = await store.applyBatch({ from: parent ?? null, cursor, jobs, events, indexedAt: clock() });
    return { cursor, jobs: jobs.length, events: events.length, applied: applied === 'applied' };
  }

  /**
   * Moves the index back to the newest event block the chain still holds, re-reading as of it
   * every job read after it; undefined when none of the newest `maxProbes` is held, 'stale'
   * when another replica moved the stored cursor meanwhile (its rewind or pass stands).
   */
  async function rewind(cursor: JobIndexCursor, chainHead: number): Promise<JobIndexCursor | 'stale' | undefined> {
    const candidates = await store.indexedBlocks({ atOrBelow: Math.min(cursor.block, chainHead), limit: maxProbes });
    for (const candidate of candidates) {
      // An event stored before hashes were cannot be matched: rebuild.
      if (candidate.hash === null) return undefined;
      // Every candidate is at or below the head: a block the chain lacks is an RPC backend behind (retry), not a loss.
      if ((await hashOf(candidate.block)) !== candidate.hash) continue;
      const to = { contract: reader.contract, block: candidate.block, hash: candidate.hash };
      // Jobs posted after it are dropped by the rewind; the others are read again as of it.
      const stale = (await store.jobsUpdatedAfter(to.block)).filter((j) => j.postedBlock <= to.block);
      const jobs = await readJobs(new Map(stale.map((j) => [j.jobId, j.postedBlock])), to.block);
      if ((await store.rewind({ from: cursor, cursor: to, jobs })) === 'stale') return 'stale';
      // The index is behind the head again: it is current only once a pass reads up to it.
      lastMarked = Number.NEGATIVE_INFINITY;
      deps.log?.warn({ from: cursor.block, to: to.block, reread: jobs.length }, 'the chain was reorganised under the job index: rewound it to the newest block it still holds');
      return to;
    }
    return undefined;
  }

  /** The cursor a tick reads on from: moved back after a reorganisation, none after a wipe; 'wait' (nothing to do this tick) while the head is briefly behind it, or when another replica moved the cursor during a rewind. */
  async function settle(cursor: JobIndexCursor | undefined, chainHead: number): Promise<'wait' | { cursor?: JobIndexCursor; reset: boolean; rewoundTo?: number }> {
    if (!cursor) return { reset: false };
    if (cursor.contract === reader.contract) {
      ticksBehind = cursor.block > chainHead ? ticksBehind + 1 : 0;
      if (ticksBehind > 0 && ticksBehind < rebuildAfter) {
        deps.log?.warn({ indexed: cursor, head: chainHead, ticksBehind }, "the chain's head is behind the job index (a lagging RPC, or a reorganised or restarted chain): waiting before rewinding it");
        return 'wait';
      }
      const moved = ticksBehind > 0 || (cursor.hash !== undefined && (await hashOf(cursor.block)) !== cursor.hash);
      if (!moved) return { cursor, reset: false };
      ticksBehind = 0;
      const to = await rewind(cursor, chainHead);
      if (to === 'stale') return 'wait';
      if (to) return { cursor: to, reset: false, rewoundTo: to.block };
    }
    deps.log?.warn({ indexed: cursor, contract: reader.contract, head: chainHead }, 'job index belongs to another contract or chain; rebuilding it');
    await store.reset();
    ticksBehind = 0;
    lastMarked = Number.NEGATIVE_INFINITY;
    return { reset: true };
  }

  async function run(): Promise<JobIndexTick> {
    const chainHead = await reader.head();
    const head = chainHead - confirmations;
    const start = await settle(await store.cursor(), chainHead);
    if (start === 'wait') return { jobs: 0, events: 0, reset: false };
    const { cursor, reset, rewoundTo } = start;
    const first = startAfter(cursor);
    const tick: JobIndexTick = { jobs: 0, events: 0, reset, ...(rewoundTo === undefined ? {} : { rewoundTo }) };
    let parent = cursor;
    for (let n = 0; n < maxPasses && startAfter(parent) <= head; n++) {
      const done = await pass(head, parent);
      // Another replica read further, rewound or reset first (possible only without the tick lock): its write stands.
      if (!done.applied) break;
      parent = done.cursor;
      tick.jobs += done.jobs;
      tick.events += done.events;
      tick.range = { from: first, to: done.cursor.block };
    }
    // Nothing left to read up to the head: the index is current (the upload sweeper relies on it).
    // Recorded at most once a CAUGHT_UP_EVERY_MS by this replica, not every tick.
    const now = clock();
    // A clock that went back (now < lastMarked) records at once rather than wait for it to catch up.
    if (startAfter(parent) > head && !(now - lastMarked < CAUGHT_UP_EVERY_MS && now >= lastMarked)) {
      await store.markCaughtUp(now);
      lastMarked = now;
    }
    if (tick.events > 0) deps.log?.info({ range: tick.range, jobs: tick.jobs, events: tick.events }, 'job index updated');
    return tick;
  }

  const guarded = exclusivePass(run, { lock: deps.lock, name: JOB_INDEX_TICK_LOCK, skipped: () => ({ jobs: 0, events: 0, reset: false }), log: deps.log });
  return periodicTask(guarded, (err) => deps.log?.error({ err }, 'job index tick failed'));
}
