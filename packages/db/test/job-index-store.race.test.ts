import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndexedJob, JobIndexCursor } from '@tensorgrid/domain';
import { openTestDatabase, until, type TestDatabase } from '@tensorgrid/test-utils';
import { sql } from 'kysely';
import { createJobIndexStore } from '../src/job-index-store';

const MARKET = '0x00000000000000000000000000000000000000f1';
const at = (block: number): JobIndexCursor => ({ contract: MARKET, block, hash: `0x${block.toString(16).padStart(64, '0')}` });
const job = (state: IndexedJob['state'], updatedBlock: number): IndexedJob => ({
  jobId: 1n, state, requester: '0x00000000000000000000000000000000000000aa', node: null, verifier: null, whistleblower: null,
  specHash: `0x${'01'.repeat(32)}`, resultRoot: null, evidence: null, fee: 50n, gas: 40n, deposit: 0n, bond: 0n,
  deadline: 1_900_000_000, challengeEndsAt: null, verdictDay: null, postedBlock: 11, updatedBlock,
});

/**
 * Replicas without a tick lock, on PostgreSQL (SQLite runs one writer at a time, so two of its
 * transactions never interleave). Job 1's row is locked from outside while two writes that both
 * store job 1 start: each has read or written what it compares before it waits on that row, so
 * both are in flight at once. A store that compares the cursor before it writes it lets both through.
 */
describe('JobIndexStore under concurrent replicas (PostgreSQL)', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await openTestDatabase('postgres');
  });
  afterEach(async () => {
    await database.close();
  });

  /**
   * Runs the writes while job 1's row is locked, in order: each starts once the one before waits
   * behind the lock (directly or on another write), so the first holds whatever it wrote before
   * job 1; the lock is released once all of them wait.
   */
  async function whileJobLocked<T>(writes: (() => Promise<T>)[]): Promise<T[]> {
    const started: Promise<T>[] = [];
    await database.db.transaction().execute(async (tx) => {
      await tx.selectFrom('jobs').select('job_id').where('job_id', '=', 1).forUpdate().execute();
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
      const holder = rows[0]!.pid;
      // Asked outside the holder's transaction: within one, PostgreSQL keeps its first view of pg_stat_activity.
      const waiting = async () => {
        const { rows: counted } = await sql<{ n: number }>`
          with recursive behind(pid) as (
            select a.pid from pg_stat_activity a where ${holder}::int = any(pg_blocking_pids(a.pid))
            union select a.pid from pg_stat_activity a join behind b on b.pid = any(pg_blocking_pids(a.pid))
          ) select count(*)::int as n from behind`.execute(database.db);
        return counted[0]!.n;
      };
      for (const write of writes) {
        const pending = write();
        // Awaited below; a write failing while the lock is held must not count as unhandled meanwhile.
        pending.catch(() => {});
        started.push(pending);
        // A write that settles without waiting fails the test at once, with its outcome or its error.
        const settled = pending.then((outcome) => {
          throw new Error(`write ${started.length} settled without waiting behind the locked job: ${String(outcome)}`);
        });
        settled.catch(() => {});
        await Promise.race([until(async () => (await waiting()) >= started.length, `write ${started.length} waiting behind the locked job`), settled]);
      }
    });
    return Promise.all(started);
  }

  it('applies one of two batches read on from the same cursor; the other is stale', async () => {
    const store = createJobIndexStore(database.db);
    await store.applyBatch({ cursor: at(20), jobs: [job('posted', 20)], events: [] });
    const outcomes = await whileJobLocked([
      () => store.applyBatch({ from: at(20), cursor: at(30), jobs: [job('accepted', 30)], events: [] }),
      () => store.applyBatch({ from: at(20), cursor: at(30), jobs: [job('timed-out', 30)], events: [] }),
    ]);
    expect(outcomes).toEqual(['applied', 'stale']);
    expect((await store.getJob(1n))?.state).toBe('accepted');
  });

  it('rewinds once when two replicas rewind from the same cursor; the other is stale', async () => {
    const store = createJobIndexStore(database.db);
    await store.applyBatch({ cursor: at(30), jobs: [job('accepted', 30)], events: [] });
    const outcomes = await whileJobLocked([
      () => store.rewind({ from: at(30), cursor: at(15), jobs: [job('posted', 15)] }),
      () => store.rewind({ from: at(30), cursor: at(12), jobs: [job('posted', 12)] }),
    ]);
    expect(outcomes).toEqual(['applied', 'stale']);
    expect((await store.cursor())?.block).toBe(15);
  });

  it('resets after a pass in flight, so nothing the pass wrote outlives the reset', async () => {
    const store = createJobIndexStore(database.db);
    await store.applyBatch({ cursor: at(20), jobs: [job('posted', 20)], events: [] });
    const event = { jobId: 1n, name: 'JobAccepted', block: 25, logIndex: 0, txHash: `0x${'ab'.repeat(32)}`, args: {} };
    const outcomes = await whileJobLocked([() => store.applyBatch({ from: at(20), cursor: at(30), jobs: [job('accepted', 30)], events: [event] }), () => store.reset().then(() => 'reset' as const)]);
    expect(outcomes).toEqual(['applied', 'reset']);
    expect(await store.cursor()).toBeUndefined();
    expect(await store.getJob(1n)).toBeUndefined();
    expect(await store.eventsOf(1n)).toEqual([]);
  });
});
