import { jobDetailResponseSchema, type JobDetailResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/** Parameters of {@link getJob}. */
export interface GetJobParams {
  /** The job id (decimal). */
  id: string | bigint;
}

/**
 * Reads one job from the coordinator's job index, with its event history.
 * @param client - a coordinator client
 * @param params - the job id
 * @throws BaseError JOB_NOT_FOUND when the index has no such job
 */
export function getJob(client: CoordinatorClient, params: GetJobParams): Promise<JobDetailResponse> {
  return client.request({ method: 'GET', path: `/v1/jobs/${encodeURIComponent(params.id.toString())}`, response: jobDetailResponseSchema });
}
