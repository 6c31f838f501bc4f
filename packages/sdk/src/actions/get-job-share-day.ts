import { jobShareDayResponseSchema, type JobShareDayResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/** Parameters of {@link getJobShareDay}. */
export interface GetJobShareDayParams {
  /** The UTC day: `floor(unixSeconds / 86400)`. */
  day: number;
}
/** Result of {@link getJobShareDay}. */
export type GetJobShareDayResult = JobShareDayResponse;

/**
 * One settled day of job shares with every node's leaf (public, with proofs).
 * @param client - a coordinator client
 * @param params - the day
 * @throws BaseError JOB_SHARE_DAY_NOT_FOUND when the day is not settled (yet)
 */
export function getJobShareDay(client: CoordinatorClient, params: GetJobShareDayParams): Promise<GetJobShareDayResult> {
  return client.request({ method: 'GET', path: `/v1/rewards/job-shares/${params.day}`, response: jobShareDayResponseSchema });
}
