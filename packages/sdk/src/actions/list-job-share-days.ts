import { listJobShareDaysResponseSchema, type ListJobShareDaysResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';
import { queryString } from './query-string';

/** Parameters of {@link listJobShareDays}. */
export interface ListJobShareDaysParams {
  /** Page size. @default 50 */
  limit?: number;
  /** Only UTC days below this one (the previous page's `next`). */
  before?: number;
}
/** Result of {@link listJobShareDays}. */
export type ListJobShareDaysResult = ListJobShareDaysResponse;

/**
 * The settled UTC days of job shares (Rewards pool 2), newest first, with their roots and posting.
 * @param client - a coordinator client
 * @param params - paging
 */
export function listJobShareDays(client: CoordinatorClient, params: ListJobShareDaysParams = {}): Promise<ListJobShareDaysResult> {
  return client.request({ method: 'GET', path: `/v1/rewards/job-shares${queryString({ limit: params.limit, before: params.before })}`, response: listJobShareDaysResponseSchema });
}
