import {
  jobChallengeSchema, jobOpeningResponseSchema, jobVerdictReportResponseSchema,
  type JobChallengeView, type JobOpeningResponse, type JobVerdictReportResponse, type PostChallengeBody, type TransitionOpeningWire, type VerdictReport,
} from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';
import { queryString } from './query-string';

const jobPath = (id: string | bigint) => `/v1/jobs/${encodeURIComponent(id.toString())}`;

/**
 * Posts a verifier's challenge of a submitted job in its current verification round (signed
 * by an account holding VERIFIER_ROLE). Posting the same challenge again returns the stored
 * one. A verifier whose rejection of the job was overturned may not challenge it again.
 * @param client - a client with the verifier's account
 * @param params - the job id and the challenge (steps, beacon, answer window)
 * @throws BaseError JOB_NOT_FOUND, JOB_WRONG_STATE (not submitted), FORBIDDEN (no role, or overturned before), CONFLICT (another verifier's challenge)
 */
export function postJobChallenge(client: CoordinatorClient, params: { id: string | bigint; challenge: Partial<PostChallengeBody> & Pick<PostChallengeBody, 'steps' | 'beacon'> }): Promise<JobChallengeView> {
  return client.request({ method: 'POST', path: `${jobPath(params.id)}/challenge`, body: params.challenge, signed: true, response: jobChallengeSchema });
}

/**
 * Reads a job's challenge in a verification round and the steps answered so far.
 * @param client - a coordinator client
 * @param params - the job id, and the round (default: the job's current one)
 * @throws BaseError NOT_FOUND when the round has no challenge yet
 */
export function getJobChallenge(client: CoordinatorClient, params: { id: string | bigint; round?: number }): Promise<JobChallengeView> {
  return client.request({ method: 'GET', path: `${jobPath(params.id)}/challenge${queryString({ round: params.round })}`, response: jobChallengeSchema });
}

/**
 * Answers one challenged step as the job's node (signed). Answers are write-once.
 * @param client - a client with the node's account
 * @param params - the job id, the step and the opening
 * @throws BaseError FORBIDDEN (not the job's node), VALIDATION_FAILED (step not challenged), DEADLINE_PASSED, CONFLICT (answered differently before)
 */
export function putJobOpening(client: CoordinatorClient, params: { id: string | bigint; step: number; opening: TransitionOpeningWire }): Promise<JobOpeningResponse> {
  return client.request({ method: 'PUT', path: `${jobPath(params.id)}/openings/${params.step}`, body: params.opening, signed: true, response: jobOpeningResponseSchema });
}

/**
 * Reads the node's answer to one challenged step.
 * @param client - a coordinator client
 * @param params - the job id and the step
 * @throws BaseError NOT_FOUND while unanswered
 */
export function getJobOpening(client: CoordinatorClient, params: { id: string | bigint; step: number }): Promise<JobOpeningResponse> {
  return client.request({ method: 'GET', path: `${jobPath(params.id)}/openings/${params.step}`, response: jobOpeningResponseSchema });
}

/**
 * Publishes the verifier's report on a job (what its replay found) before its verdict, as the
 * verifier that challenged the job (signed). Write-once: the same report again returns the stored one.
 * @param client - a client with the challenging verifier's account
 * @param params - the job id and the report
 * @throws BaseError NOT_FOUND (no challenge), FORBIDDEN (not the challenging verifier), CONFLICT (a different report is kept)
 */
export function putVerdictReport(client: CoordinatorClient, params: { id: string | bigint; report: VerdictReport }): Promise<JobVerdictReportResponse> {
  return client.request({ method: 'PUT', path: `${jobPath(params.id)}/verdict-report`, body: params.report, signed: true, response: jobVerdictReportResponseSchema });
}

/**
 * Reads the verifier's report on a job in a verification round (a referee re-runs its first failure).
 * @param client - a coordinator client
 * @param params - the job id, and the round (default: the job's current one)
 * @throws BaseError NOT_FOUND while none is published
 */
export function getVerdictReport(client: CoordinatorClient, params: { id: string | bigint; round?: number }): Promise<JobVerdictReportResponse> {
  return client.request({ method: 'GET', path: `${jobPath(params.id)}/verdict-report${queryString({ round: params.round })}`, response: jobVerdictReportResponseSchema });
}
