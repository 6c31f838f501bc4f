import type { Kysely, Selectable } from 'kysely';
import type { JobShareDayPageQuery, JobShareDayRecord, JobShareDayStore, JobShareLeafRecord } from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';
import type { JobShareDaysTable, JobShareLeavesTable } from './job-share-tables';
import { chunks } from './chunks';
import type { Database } from './schema';
import { checkPageSize } from './check-page-size';

const MAX_PAGE = 1000;
/** Rows per insert statement: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

/**
 * The settled job-share days over Kysely, the same SQL on SQLite and PostgreSQL. A day and its
 * leaves are written in one transaction; the day row is inserted first with insert-or-nothing,
 * so of two concurrent writers of one day exactly one writes it.
 * @param db - an open, migrated database
 */
export function createJobShareDayStore(db: Kysely<Database>): JobShareDayStore {
  const getDay = async (day: number, q: Kysely<Database> = db) => {
    const row = await q.selectFrom('job_share_days').selectAll().where('day', '=', day).executeTakeFirst();
    return row && toDay(row);
  };

  return {
    async saveComputedDay(input) {
      return db.transaction().execute(async (tx) => {
        const inserted = await tx
          .insertInto('job_share_days')
          .values({
            day: input.day,
            state: input.root === null ? 'empty' : 'computed',
            allowance: input.allowance.toString(),
            total_shares: input.totalShares.toString(),
            chain_block: input.chainBlock,
            root: input.root,
            total: input.total.toString(),
            leaf_count: input.leaves.length,
            computed_at: input.computedAt,
            tx_hash: null,
            posted_at: null,
          })
          .onConflict((oc) => oc.column('day').doNothing())
          .returning('day')
          .executeTakeFirst();
        if (!inserted) {
          const existing = await getDay(input.day, tx);
          if (!existing) throw new BaseError('INTERNAL', `Job-share day ${input.day} vanished while being saved`);
          return { kind: 'exists' as const, day: existing };
        }
        for (const rows of chunks(input.leaves.map(toLeafRow), CHUNK)) await tx.insertInto('job_share_leaves').values(rows).execute();
        return { kind: 'saved' as const };
      });
    },

    async markDayPosted({ day, txHash, postedAt }) {
      await db
        .updateTable('job_share_days')
        .set({ tx_hash: txHash, posted_at: postedAt, state: 'posted' })
        .where('day', '=', day)
        .where('state', '=', 'computed')
        .execute();
      return getDay(day);
    },

    getDay: (day) => getDay(day),

    async listDays(query) {
      checkPage(query);
      let q = db.selectFrom('job_share_days').selectAll();
      if (query.before !== undefined) q = q.where('day', '<', query.before);
      return (await q.orderBy('day', 'desc').limit(query.limit).execute()).map(toDay);
    },

    async listUnposted(limit) {
      checkPage({ limit });
      return (await db.selectFrom('job_share_days').selectAll().where('state', '=', 'computed').orderBy('day').limit(limit).execute()).map(toDay);
    },

    async storedDays(days) {
      if (days.length === 0) return [];
      const found: number[] = [];
      for (const part of chunks([...days], CHUNK)) {
        const rows = await db.selectFrom('job_share_days').select('day').where('day', 'in', part).execute();
        found.push(...rows.map((r) => Number(r.day)));
      }
      return found.sort((a, b) => a - b);
    },

    async leavesOfDay(day) {
      return (await db.selectFrom('job_share_leaves').selectAll().where('day', '=', day).orderBy('node').execute()).map(toLeaf);
    },

    async leavesOfNode(node, query) {
      checkPage(query);
      let q = db.selectFrom('job_share_leaves').selectAll().where('node', '=', node.toLowerCase());
      if (query.before !== undefined) q = q.where('day', '<', query.before);
      return (await q.orderBy('day', 'desc').limit(query.limit).execute()).map(toLeaf);
    },
  };
}

function toDay(row: Selectable<JobShareDaysTable>): JobShareDayRecord {
  return {
    day: Number(row.day),
    state: row.state,
    allowance: BigInt(row.allowance),
    totalShares: BigInt(row.total_shares),
    chainBlock: Number(row.chain_block),
    root: row.root,
    total: BigInt(row.total),
    leafCount: row.leaf_count,
    computedAt: Number(row.computed_at),
    txHash: row.tx_hash,
    postedAt: row.posted_at === null ? null : Number(row.posted_at),
  };
}

function toLeafRow(leaf: JobShareLeafRecord): JobShareLeavesTable {
  return {
    day: leaf.day,
    node: leaf.node.toLowerCase(),
    beneficiary: leaf.beneficiary.toLowerCase(),
    shares: leaf.shares.toString(),
    amount: leaf.amount.toString(),
    proof: JSON.stringify(leaf.proof),
  };
}

function toLeaf(row: Selectable<JobShareLeavesTable>): JobShareLeafRecord {
  return { day: Number(row.day), node: row.node, beneficiary: row.beneficiary, shares: BigInt(row.shares), amount: BigInt(row.amount), proof: JSON.parse(row.proof) as string[] };
}

function checkPage(query: Pick<JobShareDayPageQuery, 'limit'>): void {
  checkPageSize(query.limit, MAX_PAGE);
}
