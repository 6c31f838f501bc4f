import { decodeJobCursor, encodeJobCursor, feePerGas, type IndexedJob, type JobEventRecord, type JobIndexCursor, type JobIndexStore, type JobListQuery } from '@tensorgrid/domain';
import { BaseError, type JobState } from '@tensorgrid/protocol';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { JobEventsTable, JobsTable } from './job-tables';
import { chunks } from './chunks';
import type { Database } from './schema';

/** Rows per insert statement: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;
const CURSOR_ID = 1;
/** What a later read of a job may change: everything but its id and the block it was posted in. */
const UPDATED_COLUMNS = [
  'state', 'requester', 'node', 'verifier', 'whistleblower', 'spec_hash', 'result_root', 'evidence', 'fee', 'gas', 'fee_per_gas',
  'deposit', 'bond', 'deadline', 'challenge_ends_at', 'verdict_day', 'updated_block',
] as const satisfies readonly (keyof JobsTable)[];

/**
 * The job index over Kysely, the same SQL on SQLite and PostgreSQL. A batch replaces its
 * jobs, adds its events (a redone pass re-adds nothing: events are keyed by block and log
 * index) and moves the cursor, all in one transaction.
 * @param db - an open, migrated database
 */
export function createJobIndexStore(db: Kysely<Database>): JobIndexStore {
  return {
    async markCaughtUp(at) {
      await db.updateTable('job_index_cursor').set({ caught_up_at: at }).where('id', '=', CURSOR_ID).execute();
    },

    async caughtUpAt() {
      const row = await db.selectFrom('job_index_cursor').select('caught_up_at').where('id', '=', CURSOR_ID).executeTakeFirst();
      return row?.caught_up_at == null ? undefined : Number(row.caught_up_at);
    },

    async cursor() {
      const row = await db.selectFrom('job_index_cursor').select(['contract', 'block', 'block_hash']).where('id', '=', CURSOR_ID).executeTakeFirst();
      if (!row) return undefined;
      const cursor = { contract: row.contract, block: Number(row.block) };
      return row.block_hash === null ? cursor : { ...cursor, hash: row.block_hash };
    },

    async applyBatch({ from, cursor, jobs, events, indexedAt }) {
      return db.transaction().execute(async (tx) => {
        await checkContract(tx, cursor.contract);
        // The cursor first: on PostgreSQL a replica's concurrent write waits on this row, then finds it moved.
        const moved = from === undefined ? await moveCursorForward(tx, cursor) : from === null ? await insertFirstCursor(tx, cursor) : await moveCursorFrom(tx, { from, to: cursor });
        // Another replica wrote first (read further, rewound or reset): its write stands.
        if (!moved) return 'stale' as const;
        await upsertJobs(tx, jobs);
        // A redone pass re-adds nothing: an event keeps the time the index first stored it.
        for (const rows of chunks(events.map((e) => toEventRow(e, indexedAt)), CHUNK)) {
          await tx.insertInto('job_events').values(rows).onConflict((oc) => oc.columns(['block', 'log_index']).doNothing()).execute();
        }
        return 'applied' as const;
      });
    },

    async rewind({ from, cursor, jobs }) {
      return db.transaction().execute(async (tx) => {
        await checkContract(tx, cursor.contract);
        // Only from the cursor the rewind was decided on: another replica may have rewound, reset or read on since.
        // Behind the head again until a pass reads up to it (the upload sweeper waits for that).
        if (!(await moveCursorFrom(tx, { from, to: cursor, forgetCaughtUp: true }))) return 'stale' as const;
        await tx.deleteFrom('job_events').where('block', '>', cursor.block).execute();
        await tx.deleteFrom('jobs').where('posted_block', '>', cursor.block).execute();
        await upsertJobs(tx, jobs);
        return 'applied' as const;
      });
    },

    async indexedBlocks({ atOrBelow, limit }) {
      const rows = await db
        .selectFrom('job_events')
        .select(['block', 'block_hash'])
        .distinct()
        .where('block', '<=', atOrBelow)
        .orderBy('block', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ block: Number(r.block), hash: r.block_hash }));
    },

    async jobsUpdatedAfter(block) {
      const rows = await db.selectFrom('jobs').selectAll().where('updated_block', '>', block).orderBy('job_id').execute();
      return rows.map(toJob);
    },

    async reset() {
      await db.transaction().execute(async (tx) => {
        // The cursor first: a pass or rewind in flight wrote it first, so the reset waits for it, and its
        // later deletes then see what that wrote; one that comes after finds no cursor and is stale.
        for (const table of ['job_index_cursor', 'job_events', 'jobs'] as const) await tx.deleteFrom(table).execute();
      });
    },

    async listJobs(query) {
      const rows = await listQuery(db, query).limit(query.limit).execute();
      const jobs = rows.map(toJob);
      const last = jobs.at(-1);
      return { jobs, next: last && jobs.length === query.limit ? encodeJobCursor({ key: sortKey(last, query.sort), jobId: last.jobId }) : null };
    },

    async getJob(jobId) {
      const row = await db.selectFrom('jobs').selectAll().where('job_id', '=', Number(jobId)).executeTakeFirst();
      return row && toJob(row);
    },

    async eventsOf(jobId) {
      const rows = await db.selectFrom('job_events').selectAll().where('job_id', '=', Number(jobId)).orderBy('block').orderBy('log_index').execute();
      return rows.map(toEvent);
    },

    async verdictDays(query = {}) {
      let q = db.selectFrom('jobs').select('verdict_day').distinct().where('verdict_day', 'is not', null);
      if (query.from !== undefined) q = q.where('verdict_day', '>=', query.from);
      const rows = await q.orderBy('verdict_day').execute();
      return rows.map((r) => Number(r.verdict_day));
    },

    async jobsOfVerdictDay(day) {
      const rows = await db.selectFrom('jobs').selectAll().where('verdict_day', '=', day).orderBy('job_id').execute();
      return rows.map(toJob);
    },
  };
}

type Tx = Transaction<Database>;

/** Throws INTERNAL when the index holds another contract than `contract`. */
async function checkContract(tx: Tx, contract: string): Promise<void> {
  const current = await tx.selectFrom('job_index_cursor').select('contract').where('id', '=', CURSOR_ID).executeTakeFirst();
  if (current && current.contract !== contract) {
    throw new BaseError('INTERNAL', `The job index holds ${current.contract}, not ${contract}: reset it before indexing another contract`, { retryable: false });
  }
}

async function upsertJobs(tx: Tx, jobs: IndexedJob[]): Promise<void> {
  for (const rows of chunks(jobs.map(toJobRow), CHUNK)) {
    await tx
      .insertInto('jobs')
      .values(rows)
      .onConflict((oc) => oc.column('job_id').doUpdateSet((eb) => Object.fromEntries(UPDATED_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])) as Partial<JobsTable>))
      .execute();
  }
}

const cursorRow = (cursor: JobIndexCursor) => ({ contract: cursor.contract, block: cursor.block, block_hash: cursor.hash?.toLowerCase() ?? null });
const written = (result: { numInsertedOrUpdatedRows?: bigint; numUpdatedRows?: bigint }): boolean => Number(result.numInsertedOrUpdatedRows ?? result.numUpdatedRows ?? 0n) === 1;

/*
 * The cursor's three writes are each one statement that compares and sets it, so replicas
 * without a tick lock never both move it. When the index last caught up is kept unless a
 * write forgets it.
 */

/** Moves the cursor from exactly `move.from` (contract, block and hash) to `move.to`; false when the stored one is another or none. */
async function moveCursorFrom(tx: Tx, move: { from: JobIndexCursor; to: JobIndexCursor; forgetCaughtUp?: boolean }): Promise<boolean> {
  const { from, to } = move;
  const hash = from.hash?.toLowerCase();
  const result = await tx
    .updateTable('job_index_cursor')
    .set(move.forgetCaughtUp ? { ...cursorRow(to), caught_up_at: null } : cursorRow(to))
    .where('id', '=', CURSOR_ID)
    .where('contract', '=', from.contract)
    .where('block', '=', from.block)
    .where((eb) => (hash === undefined ? eb('block_hash', 'is', null) : eb('block_hash', '=', hash)))
    .executeTakeFirst();
  return written(result);
}

/** Stores the first cursor of an empty index; false when another replica stored one first. */
async function insertFirstCursor(tx: Tx, cursor: JobIndexCursor): Promise<boolean> {
  const result = await tx.insertInto('job_index_cursor').values({ id: CURSOR_ID, ...cursorRow(cursor), caught_up_at: null }).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
  return written(result);
}

/** Moves the cursor forward to `to` of the same contract, or stores it in an empty index; false when the stored one is at or past it. */
async function moveCursorForward(tx: Tx, to: JobIndexCursor): Promise<boolean> {
  const result = await tx
    .insertInto('job_index_cursor')
    .values({ id: CURSOR_ID, ...cursorRow(to), caught_up_at: null })
    .onConflict((oc) => oc.column('id').doUpdateSet(cursorRow(to)).where('job_index_cursor.contract', '=', to.contract).where('job_index_cursor.block', '<', to.block))
    .executeTakeFirst();
  return written(result);
}

function listQuery(db: Kysely<Database>, query: JobListQuery) {
  let q = db.selectFrom('jobs').selectAll();
  if (query.state !== undefined) q = q.where('state', '=', query.state);
  if (query.requester !== undefined) q = q.where('requester', '=', query.requester.toLowerCase());
  if (query.node !== undefined) q = q.where('node', '=', query.node.toLowerCase());
  const after = query.after === undefined ? undefined : decodeJobCursor(query.after, query.sort);
  const afterId = after && Number(after.jobId);
  switch (query.sort) {
    case 'newest':
      if (afterId !== undefined) q = q.where('job_id', '<', afterId);
      return q.orderBy('job_id', 'desc');
    case 'fee-per-gas':
      if (after) q = q.where((eb) => eb.or([eb('fee_per_gas', '<', Number(after.key)), eb.and([eb('fee_per_gas', '=', Number(after.key)), eb('job_id', '>', afterId!)])]));
      return q.orderBy('fee_per_gas', 'desc').orderBy('job_id');
    case 'deadline':
      if (after) q = q.where((eb) => eb.or([eb('deadline', '>', Number(after.key)), eb.and([eb('deadline', '=', Number(after.key)), eb('job_id', '>', afterId!)])]));
      return q.orderBy('deadline').orderBy('job_id');
  }
}

function sortKey(job: IndexedJob, sort: JobListQuery['sort']): number | bigint {
  if (sort === 'newest') return job.jobId;
  return sort === 'deadline' ? job.deadline : feePerGas(job);
}

function toJobRow(j: IndexedJob): JobsTable {
  return {
    job_id: Number(j.jobId),
    state: j.state,
    requester: j.requester.toLowerCase(),
    node: j.node?.toLowerCase() ?? null,
    verifier: j.verifier?.toLowerCase() ?? null,
    whistleblower: j.whistleblower?.toLowerCase() ?? null,
    spec_hash: j.specHash,
    result_root: j.resultRoot,
    evidence: j.evidence,
    fee: j.fee.toString(),
    gas: j.gas.toString(),
    fee_per_gas: feePerGas(j),
    deposit: j.deposit.toString(),
    bond: j.bond.toString(),
    deadline: j.deadline,
    challenge_ends_at: j.challengeEndsAt,
    verdict_day: j.verdictDay,
    posted_block: j.postedBlock,
    updated_block: j.updatedBlock,
  };
}

function toJob(r: Selectable<JobsTable>): IndexedJob {
  const num = (x: number | null) => (x === null ? null : Number(x));
  return {
    jobId: BigInt(r.job_id),
    state: r.state as JobState,
    requester: r.requester,
    node: r.node,
    verifier: r.verifier,
    whistleblower: r.whistleblower,
    specHash: r.spec_hash,
    resultRoot: r.result_root,
    evidence: r.evidence,
    fee: BigInt(r.fee),
    gas: BigInt(r.gas),
    deposit: BigInt(r.deposit),
    bond: BigInt(r.bond),
    deadline: Number(r.deadline),
    challengeEndsAt: num(r.challenge_ends_at),
    verdictDay: num(r.verdict_day),
    postedBlock: Number(r.posted_block),
    updatedBlock: Number(r.updated_block),
  };
}

function toEventRow(e: JobEventRecord, indexedAt: number | undefined): JobEventsTable {
  return {
    block: e.block, log_index: e.logIndex, job_id: Number(e.jobId), name: e.name, tx_hash: e.txHash, args: JSON.stringify(e.args),
    indexed_at: indexedAt ?? null, block_hash: e.blockHash?.toLowerCase() ?? null,
  };
}

function toEvent(r: Selectable<JobEventsTable>): JobEventRecord {
  const event: JobEventRecord = { jobId: BigInt(r.job_id), name: r.name, block: Number(r.block), logIndex: Number(r.log_index), txHash: r.tx_hash, args: JSON.parse(r.args) as JobEventRecord['args'] };
  if (r.block_hash !== null) event.blockHash = r.block_hash;
  if (r.indexed_at != null) event.indexedAt = Number(r.indexed_at);
  return event;
}

