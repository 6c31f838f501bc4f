import { rewardBlockResponseSchema, type RewardBlockResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/** Parameters of {@link getRewardBlock}. */
export interface GetRewardBlockParams {
  /** The hourly block number from the Rewards genesis. */
  block: number;
}
/** Result of {@link getRewardBlock}. */
export type GetRewardBlockResult = RewardBlockResponse;

/**
 * One reward block with every leaf (public, with proofs) and every miss with its failed criteria.
 * @param client - a coordinator client
 * @param params - the block number
 * @throws BaseError REWARD_BLOCK_NOT_FOUND when the block was not computed
 */
export function getRewardBlock(client: CoordinatorClient, params: GetRewardBlockParams): Promise<GetRewardBlockResult> {
  return client.request({ method: 'GET', path: `/v1/rewards/blocks/${params.block}`, response: rewardBlockResponseSchema });
}
