import type { RewardBlockStore } from '@tensorgrid/domain';
import {
  BaseError, listRewardBlocksQuerySchema, parseOrThrow, rewardAccountParamsSchema, rewardAccountQuerySchema, rewardBlockParamsSchema,
  type ListRewardBlocksResponse, type RewardAccountResponse, type RewardBlockResponse, type RewardEarning,
} from '@tensorgrid/protocol';
import type { FastifyInstance } from 'fastify';
import type { RewardChain } from './core/reward-chain';
import { toRewardBlockSummary, toRewardLeafView, toRewardMissView } from './to-reward-views';

/** What the public reward routes read. */
export interface RewardsRoutesDeps {
  store: RewardBlockStore;
  /** Claim status on chain; without it `claimed` is null. */
  chain?: Pick<RewardChain, 'isClaimed'>;
}

/**
 * The public block-reward routes: blocks (paged), one block with every leaf and miss, and one
 * account's earnings (with proofs and claim status) and misses (with the failed criteria).
 * @param app - the Fastify instance
 * @param deps - the store and, optionally, the chain for claim status
 */
export function registerRewardsRoutes(app: FastifyInstance, deps: RewardsRoutesDeps): void {
  const { store } = deps;

  app.get('/v1/rewards/blocks', async (request): Promise<ListRewardBlocksResponse> => {
    const query = parseOrThrow(listRewardBlocksQuerySchema, request.query, 'query');
    const blocks = await store.listBlocks(query);
    const last = blocks.at(-1);
    return { blocks: blocks.map(toRewardBlockSummary), next: blocks.length === query.limit && last ? last.block : null };
  });

  app.get('/v1/rewards/blocks/:n', async (request): Promise<RewardBlockResponse> => {
    const { n } = parseOrThrow(rewardBlockParamsSchema, request.params, 'block number');
    const block = await store.getBlock(n);
    if (!block) {
      throw new BaseError('REWARD_BLOCK_NOT_FOUND', `Reward block ${n} has not been computed`, {
        details: 'A block is computed shortly after its hour ends; list the computed ones with GET /v1/rewards/blocks.',
        data: { block: n },
      });
    }
    const [leaves, misses] = await Promise.all([store.leavesOfBlock(n), store.missesOfBlock(n)]);
    return { block: toRewardBlockSummary(block), leaves: leaves.map(toRewardLeafView), misses: misses.map(toRewardMissView) };
  });

  app.get('/v1/rewards/accounts/:address', async (request): Promise<RewardAccountResponse> => {
    const { address } = parseOrThrow(rewardAccountParamsSchema, request.params, 'account address');
    const query = parseOrThrow(rewardAccountQuerySchema, request.query, 'query');
    const account = address.toLowerCase();
    const [leaves, misses] = await Promise.all([store.leavesOfAccount(account, query), store.missesOfAccount(account, query)]);
    // One page covers whole blocks: cut both lists at the oldest block either of them reached when full.
    // (When one block alone fills the page, it is returned as far as it fits and the next page starts below it.)
    let cut = Math.max(leaves.length === query.limit ? (leaves.at(-1)?.block ?? -1) : -1, misses.length === query.limit ? (misses.at(-1)?.block ?? -1) : -1);
    let next = cut >= 0 ? cut + 1 : null;
    if (cut >= 0 && !leaves.some((l) => l.block > cut) && !misses.some((m) => m.block > cut)) {
      next = cut;
      cut = -1;
    }
    const blocks = new Map<number, Awaited<ReturnType<RewardBlockStore['getBlock']>>>();
    for (const b of new Set(leaves.map((l) => l.block))) blocks.set(b, await store.getBlock(b));
    const earned: RewardEarning[] = await Promise.all(
      leaves
        .filter((l) => l.block > cut || cut < 0)
        .map(async (leaf) => {
          const posted = blocks.get(leaf.block)?.pools.some((p) => p.pool === leaf.pool && p.txHash !== null) ?? false;
          const claimed = !posted ? false : deps.chain ? await deps.chain.isClaimed(leaf) : null;
          return { ...toRewardLeafView(leaf), posted, claimed };
        }),
    );
    const sum = (pick: (e: RewardEarning) => boolean) => earned.filter(pick).reduce((s, e) => s + BigInt(e.amount), 0n).toString();
    return {
      account,
      earned,
      missed: misses.filter((m) => m.block > cut || cut < 0).map(toRewardMissView),
      owed: sum((e) => e.posted && e.claimed !== true),
      claimed: sum((e) => e.claimed === true),
      next,
    };
  });
}
