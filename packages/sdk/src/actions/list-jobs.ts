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

/**
 * Every job matching `query`, following `next` from page to page (100 a page), up to `max`.
 * @param client - a coordinator client
 * @param query - state, requester, node and sort (no `limit` or `after`: this pages itself)
 * @param options - `max`: stop after this many jobs (default: all)
 */
export async function listAllJobs(client: CoordinatorClient, query: Omit<ListJobsParams, 'limit' | 'after'> = {}, options: { max?: number } = {}): Promise<ListJobsResult['jobs']> {
  const max = options.max ?? Number.POSITIVE_INFINITY;
  const jobs: ListJobsResult['jobs'] = [];
  let after: string | undefined;
  do {
    const page = await listJobs(client, { ...query, limit: Math.min(100, max - jobs.length), ...(after ? { after } : {}) });
    jobs.push(...page.jobs);
    after = page.next ?? undefined;
  } while (after && jobs.length < max);
  return jobs;
}
