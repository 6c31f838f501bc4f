import type { Kysely, Selectable } from 'kysely';
import type {
  MissCriterion, RewardBlockRecord, RewardBlockStore, RewardLeafRecord, RewardMissRecord, RewardPageQuery, RewardPoolRoot,
} from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';
import type { RewardBlocksTable, RewardLeavesTable, RewardMissesTable, RewardPoolRootsTable } from './reward-tables';
import { chunks } from './chunks';
import type { Database } from './schema';
import { checkPageSize } from './check-page-size';

const MAX_PAGE = 1000;
/** Rows per insert statement: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

/**
 * The reward blocks over Kysely, the same SQL on SQLite and PostgreSQL. A block, its pool roots,
 * leaves and misses are written in one transaction; the block row is inserted first with
 * insert-or-nothing, so of two concurrent writers of one block exactly one writes it.
 * @param db - an open, migrated database
 */
export function createRewardBlockStore(db: Kysely<Database>): RewardBlockStore {
  const withPools = async (rows: Selectable<RewardBlocksTable>[], q: Kysely<Database> = db): Promise<RewardBlockRecord[]> => {
    if (rows.length === 0) return [];
    const pools = await q.selectFrom('reward_pool_roots').selectAll().where('block', 'in', rows.map((r) => r.block)).orderBy('block').orderBy('pool', 'desc').execute();
    return rows.map((row) => toBlock(row, pools.filter((p) => p.block === row.block)));
  };
  const getBlock = async (block: number, q: Kysely<Database> = db) => {
    const row = await q.selectFrom('reward_blocks').selectAll().where('block', '=', block).executeTakeFirst();
    return row && (await withPools([row], q))[0];
  };

  return {
    async saveComputedBlock(input) {
      return db.transaction().execute(async (tx) => {
        const inserted = await tx
          .insertInto('reward_blocks')
          .values({ block: input.block, state: 'computed', device_emission: input.deviceEmission.toString(), computed_at: input.computedAt, leaf_count: input.leaves.length, miss_count: input.misses.length })
          .onConflict((oc) => oc.column('block').doNothing())
          .returning('block')
          .executeTakeFirst();
        if (!inserted) {
          const existing = await getBlock(input.block, tx);
          if (!existing) throw new BaseError('INTERNAL', `Reward block ${input.block} vanished while being saved`);
          return { kind: 'exists' as const, block: existing };
        }
        const pools = input.pools.map((p) => ({ block: input.block, pool: p.pool, allowance: p.allowance.toString(), root: p.root, total: p.total.toString(), tx_hash: null, posted_at: null }));
        if (pools.length > 0) await tx.insertInto('reward_pool_roots').values(pools).execute();
        for (const rows of chunks(input.leaves.map(toLeafRow), CHUNK)) await tx.insertInto('reward_leaves').values(rows).execute();
        for (const rows of chunks(input.misses.map(toMissRow), CHUNK)) await tx.insertInto('reward_misses').values(rows).execute();
        // A block with nothing to post (no pool has a root) is settled as it is.
        if (!input.pools.some((p) => p.root !== null)) await tx.updateTable('reward_blocks').set({ state: 'posted' }).where('block', '=', input.block).execute();
        return { kind: 'saved' as const };
      });
    },

    async markPoolPosted({ block, pool, txHash, postedAt }) {
      return db.transaction().execute(async (tx) => {
        await tx.updateTable('reward_pool_roots').set({ tx_hash: txHash, posted_at: postedAt }).where('block', '=', block).where('pool', '=', pool).where('tx_hash', 'is', null).execute();
        const pending = await tx.selectFrom('reward_pool_roots').select('pool').where('block', '=', block).where('root', 'is not', null).where('tx_hash', 'is', null).execute();
        if (pending.length === 0) await tx.updateTable('reward_blocks').set({ state: 'posted' }).where('block', '=', block).execute();
        return getBlock(block, tx);
      });
    },

    getBlock: (block) => getBlock(block),

    async listBlocks(query) {
      checkPage(query);
      let q = db.selectFrom('reward_blocks').selectAll();
      if (query.before !== undefined) q = q.where('block', '<', query.before);
      return withPools(await q.orderBy('block', 'desc').limit(query.limit).execute());
    },

    async listUnposted(limit) {
      checkPage({ limit });
      return withPools(await db.selectFrom('reward_blocks').selectAll().where('state', '=', 'computed').orderBy('block').limit(limit).execute());
    },

    async latestBlock() {
      const row = await db.selectFrom('reward_blocks').select((eb) => eb.fn.max('block').as('block')).executeTakeFirst();
      return row?.block === null || row?.block === undefined ? undefined : Number(row.block);
    },

    async leavesOfBlock(block) {
      const rows = await db.selectFrom('reward_leaves').selectAll().where('block', '=', block).orderBy('pool', 'desc').orderBy('device_id').execute();
      return rows.map(toLeaf);
    },

    async missesOfBlock(block) {
      const rows = await db.selectFrom('reward_misses').selectAll().where('block', '=', block).orderBy('device_id').execute();
      return rows.map(toMiss);
    },

    async leavesOfAccount(account, query, devices = []) {
      checkPage(query);
      const who = account.toLowerCase();
      const ids = [who, ...devices.map((d) => d.toLowerCase())];
      let q = db.selectFrom('reward_leaves').selectAll().where((eb) => eb.or([eb('account', '=', who), eb('device_id', 'in', ids)]));
      if (query.before !== undefined) q = q.where('block', '<', query.before);
      return (await q.orderBy('block', 'desc').orderBy('device_id').limit(query.limit).execute()).map(toLeaf);
    },

    async missesOfAccount(account, query) {
      checkPage(query);
      const who = account.toLowerCase();
      let q = db.selectFrom('reward_misses').selectAll().where((eb) => eb.or([eb('account', '=', who), eb('device_id', '=', who)]));
      if (query.before !== undefined) q = q.where('block', '<', query.before);
      return (await q.orderBy('block', 'desc').orderBy('device_id').limit(query.limit).execute()).map(toMiss);
    },
  };
}

function toBlock(row: Selectable<RewardBlocksTable>, pools: Selectable<RewardPoolRootsTable>[]): RewardBlockRecord {
  return {
    block: Number(row.block),
    state: row.state,
    deviceEmission: BigInt(row.device_emission),
    computedAt: Number(row.computed_at),
    leafCount: row.leaf_count,
    missCount: row.miss_count,
    pools: pools.map((p): RewardPoolRoot => ({
      pool: p.pool,
      allowance: BigInt(p.allowance),
      root: p.root,
      total: BigInt(p.total),
      txHash: p.tx_hash,
      postedAt: p.posted_at === null ? null : Number(p.posted_at),
    })),
  };
}

function toLeafRow(leaf: RewardLeafRecord): RewardLeavesTable {
  return {
    block: leaf.block,
    pool: leaf.pool,
    device_id: leaf.deviceId.toLowerCase(),
    beneficiary: leaf.beneficiary.toLowerCase(),
    account: leaf.account.toLowerCase(),
    weight: leaf.weight.toString(),
    amount: leaf.amount.toString(),
    proof: JSON.stringify(leaf.proof),
  };
}

function toLeaf(row: Selectable<RewardLeavesTable>): RewardLeafRecord {
  return {
    block: Number(row.block),
    pool: row.pool,
    deviceId: row.device_id,
    beneficiary: row.beneficiary,
    account: row.account,
    weight: BigInt(row.weight),
    amount: BigInt(row.amount),
    proof: JSON.parse(row.proof) as string[],
  };
}

function toMissRow(miss: RewardMissRecord): RewardMissesTable {
  return { block: miss.block, device_id: miss.deviceId.toLowerCase(), account: miss.account.toLowerCase(), failed: JSON.stringify(miss.failed) };
}

function toMiss(row: Selectable<RewardMissesTable>): RewardMissRecord {
  return { block: Number(row.block), deviceId: row.device_id, account: row.account, failed: JSON.parse(row.failed) as MissCriterion[] };
}

function checkPage(query: Pick<RewardPageQuery, 'limit'>): void {
  checkPageSize(query.limit, MAX_PAGE);
}
