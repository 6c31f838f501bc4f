import {
  jobAuditOpeningResponseSchema, jobStepHashesResponseSchema, type JobAuditOpeningResponse, type JobStepHashesResponse, type TransitionOpeningWire,
} from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

const jobPath = (id: string | bigint) => `/v1/jobs/${encodeURIComponent(id.toString())}`;

/**
 * Publishes a job's step hashes h_0 … h_T (the leaves under its committed root) so that
 * whistleblowers can audit it. Anyone may publish them; the coordinator checks the root.
 * @param client - a coordinator client
 * @param params - the job id and the hashes (hex, no 0x)
 * @throws BaseError JOB_NOT_FOUND, JOB_WRONG_STATE (no result committed), VALIDATION_FAILED (not the committed leaves)
 */
export function putJobStepHashes(client: CoordinatorClient, params: { id: string | bigint; hashes: readonly string[] }): Promise<JobStepHashesResponse> {
  return client.request({ method: 'PUT', path: `${jobPath(params.id)}/step-hashes`, body: { hashes: params.hashes }, response: jobStepHashesResponseSchema });
}

/**
 * Reads a job's published step hashes.
 * @param client - a coordinator client
 * @param params - the job id
 * @throws BaseError NOT_FOUND while the node has not published them
 */
export function getJobStepHashes(client: CoordinatorClient, params: { id: string | bigint }): Promise<JobStepHashesResponse> {
  return client.request({ method: 'GET', path: `${jobPath(params.id)}/step-hashes`, response: jobStepHashesResponseSchema });
}

/**
 * Stores the auditor's opening of transition `step` of a verified job (signed), before it
 * disputes that step on chain: the referee re-runs it. One per job and auditor, write-once.
 * @param client - a client with the auditor's (whistleblower's) account
 * @param params - the job id, the step and the opening
 * @throws BaseError JOB_WRONG_STATE (not verified), NOT_FOUND (no step hashes), VALIDATION_FAILED (not the published hashes), CONFLICT
 */
export function putJobAuditOpening(client: CoordinatorClient, params: { id: string | bigint; step: number; opening: TransitionOpeningWire }): Promise<JobAuditOpeningResponse> {
  return client.request({ method: 'PUT', path: `${jobPath(params.id)}/audit-opening`, body: { step: params.step, opening: params.opening }, signed: true, response: jobAuditOpeningResponseSchema });
}

/**
 * Reads an auditor's opening of a job: anyone's once the job is disputed; before then only the
 * auditor's own (`signed`, with the auditor's account).
 * @param client - a coordinator client
 * @param params - the job id, the auditor's address, and whether to sign the request
 * @throws BaseError NOT_FOUND when that auditor stored none, FORBIDDEN when the job is not disputed yet and the reader is not the auditor
 */
export function getJobAuditOpening(client: CoordinatorClient, params: { id: string | bigint; auditor: string; signed?: boolean }): Promise<JobAuditOpeningResponse> {
  return client.request({ method: 'GET', path: `${jobPath(params.id)}/audit-openings/${encodeURIComponent(params.auditor)}`, signed: params.signed ?? false, response: jobAuditOpeningResponseSchema });
}
