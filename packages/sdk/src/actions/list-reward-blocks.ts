import { listRewardBlocksResponseSchema, type ListRewardBlocksQuery, type ListRewardBlocksResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';
import { queryString } from './query-string';

/** Parameters of {@link listRewardBlocks}. */
export type ListRewardBlocksParams = ListRewardBlocksQuery;
/** Result of {@link listRewardBlocks}. */
export type ListRewardBlocksResult = ListRewardBlocksResponse;

/**
 * Lists computed reward blocks, newest first; page with `before` (the previous page's `next`).
 * @param client - a coordinator client
 * @param query - page size and the block to start below
 */
export function listRewardBlocks(client: CoordinatorClient, query: ListRewardBlocksParams = {}): Promise<ListRewardBlocksResult> {
  return client.request({ method: 'GET', path: `/v1/rewards/blocks${queryString(query)}`, response: listRewardBlocksResponseSchema });
}
