import { jobShareNodeResponseSchema, type JobShareNodeResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';
import { queryString } from './query-string';

/** Parameters of {@link getJobShareNode}. */
export interface GetJobShareNodeParams {
  /** The node's address. */
  address: string;
  /** Page size. @default 100 */
  limit?: number;
  /** Only UTC days below this one (the previous page's `next`). */
  before?: number;
}
/** Result of {@link getJobShareNode}. */
export type GetJobShareNodeResult = JobShareNodeResponse;

/**
 * A node's job-share payouts, newest day first, each with its Merkle proof and claim status:
 * what a claim on Rewards (pool 2, the node's address as bytes32) needs.
 * @param client - a coordinator client
 * @param params - the node and paging
 */
export function getJobShareNode(client: CoordinatorClient, params: GetJobShareNodeParams): Promise<GetJobShareNodeResult> {
  return client.request({
    method: 'GET',
    path: `/v1/rewards/job-shares/nodes/${params.address}${queryString({ limit: params.limit, before: params.before })}`,
    response: jobShareNodeResponseSchema,
  });
}
