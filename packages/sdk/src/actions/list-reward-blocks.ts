import { listRewardBlocksResponseSchema, type ListRewardBlocksQuery, type ListRewardBlocksResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

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
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const qs = params.toString();
  return client.request({ method: 'GET', path: `/v1/rewards/blocks${qs ? `?${qs}` : ''}`, response: listRewardBlocksResponseSchema });
}
