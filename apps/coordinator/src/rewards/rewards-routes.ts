import type { RewardBlockStore } from '@tensorgrid/domain';
import {
  BaseError, listRewardBlocksQuerySchema, parseOrThrow, rewardAccountParamsSchema, rewardAccountQuerySchema, rewardBlockParamsSchema,
  type ListRewardBlocksResponse, type RewardAccountResponse, type RewardBlockResponse,
} from '@tensorgrid/protocol';
import type { FastifyInstance } from 'fastify';
import { readRewardAccount, type RewardAccountChain } from './read-reward-account';
import { toRewardBlockSummary, toRewardLeafView, toRewardMissView } from './to-reward-views';

/** What the public reward routes read. */
export interface RewardsRoutesDeps {
  store: RewardBlockStore;
  /** Claim status, splits and co-stakes on chain; without it `claimed` and `share` are null and co-stakes unseen. */
  chain?: RewardAccountChain;
}

/**
 * The public block-reward routes: blocks (paged), one block with every leaf and miss, and one
 * account's earnings (with proofs, claim status and its share, as owner or co-staker) and misses
 * (with the failed criteria).
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
    return readRewardAccount(deps, { account: address.toLowerCase(), query });
  });
}
