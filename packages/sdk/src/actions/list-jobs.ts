import { listJobsResponseSchema, type ListJobsQuery, type ListJobsResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';
import { queryString } from './query-string';

/** Parameters of {@link listJobs}: filters, order and paging (all optional). */
export type ListJobsParams = Partial<ListJobsQuery>;
/** Result of {@link listJobs}. */
export type ListJobsResult = ListJobsResponse;

/**
 * Lists jobs from the coordinator's job index (newest first unless `sort` says otherwise);
 * page with `after` set to the previous page's `next`.
 * @param client - a coordinator client
 * @param query - state, requester, node, sort, limit, after
 */
export function listJobs(client: CoordinatorClient, query: ListJobsParams = {}): Promise<ListJobsResult> {
  return client.request({ method: 'GET', path: `/v1/jobs${queryString(query)}`, response: listJobsResponseSchema });
}
