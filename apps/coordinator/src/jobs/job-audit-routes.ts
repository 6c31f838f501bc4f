import { buildMerkleTree, merkleRootHex, type IndexedJob, type JobChallengeStore, type JobIndexStore, type StoredStepHashes } from '@tensorgrid/domain';
import {
  BaseError, MAX_STEP_HASH_LEAVES, SIGNATURE_HEADERS, auditOpeningParamsSchema, jobIdParamsSchema, parseOrThrow, putAuditOpeningBodySchema, putStepHashesBodySchema, transitionOpeningSchema,
  type JobAuditOpeningResponse, type JobStepHashesResponse,
} from '@tensorgrid/protocol';
import { STATE_HASH_ALGORITHMS, treeDigest } from '@tensorgrid/tensor';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestVerifier } from '../auth/request-verifier';
import type { Clock } from '../clock';
import { verifyHttpRequest } from '../http/signed-request';
import { indexedJobOrThrow } from './indexed-job-or-throw';
import { OPENING_BODY_LIMIT } from './job-challenge-routes';

/** What the audit routes need. */
export interface JobAuditRouteDeps {
  challenges: JobChallengeStore;
  jobs: JobIndexStore;
  verifier: RequestVerifier;
  clock: Clock;
}

/**
 * Whether the leaves hash to the root under one of the state hashes a spec may name (the job's
 * own is in its spec; the verifier and auditors rebuild the tree with it). Leaves that are not
 * the committed ones would need a preimage of the root under one of them.
 */
function leavesHashTo(hashes: readonly string[], committed: string): boolean {
  const leaves = hashes.map((h) => Buffer.from(h, 'hex'));
  return STATE_HASH_ALGORITHMS.some((algorithm) => `0x${merkleRootHex(buildMerkleTree(leaves, treeDigest(algorithm)))}` === committed.toLowerCase());
}

/** Room for the most leaves as JSON: 67 bytes per quoted hex digest and comma. */
const STEP_HASHES_BODY_LIMIT = MAX_STEP_HASH_LEAVES * 67 + (1 << 10);

/**
 * Audits (see `@tensorgrid/protocol` job-audits): a node's step hashes, published with its
 * result and checked against the committed root here (anyone may publish them: they prove
 * themselves), and whistleblowers' openings of transitions the verifier never challenged,
 * signed, one per job and auditor, stored while the job is verified (before the dispute) and
 * readable by others only once the job is disputed (no front-running the whistleblower). The
 * coordinator checks that an audit opening names the published h_t and h_{t+1}; the referee
 * checks the rest (the proofs, and that W_t hashes to h_t).
 * @param app - the Fastify instance
 * @param deps - stores, the request verifier and the clock
 */
export function registerJobAuditRoutes(app: FastifyInstance, deps: JobAuditRouteDeps): void {
  const jobOf = (id: string) => indexedJobOrThrow(deps.jobs, id);
  const stepHashesOf = async (id: string): Promise<StoredStepHashes> => {
    const stored = await deps.challenges.getStepHashes(BigInt(id));
    if (!stored) throw new BaseError('NOT_FOUND', `Job ${id}'s node has not published its step hashes`, { data: { jobId: id } });
    return stored;
  };
  const hashesView = (job: IndexedJob, stored: StoredStepHashes): JobStepHashesResponse => ({
    jobId: stored.jobId.toString(), root: job.resultRoot!, receivedAt: new Date(stored.receivedAt).toISOString(), hashes: stored.hashes,
  });

  app.put('/v1/jobs/:id/step-hashes', { bodyLimit: STEP_HASHES_BODY_LIMIT }, async (request, reply): Promise<JobStepHashesResponse> => {
    const { id } = parseOrThrow(jobIdParamsSchema, request.params, 'job id');
    const { hashes } = parseOrThrow(putStepHashesBodySchema, request.body, 'step hashes');
    const job = await jobOf(id);
    if (!job.resultRoot) throw new BaseError('JOB_WRONG_STATE', `Job ${id} has no committed result yet (${job.state})`, { data: { jobId: id, state: job.state } });
    if (!leavesHashTo(hashes, job.resultRoot)) {
      throw new BaseError('VALIDATION_FAILED', `These ${hashes.length} step hashes do not hash to job ${id}'s committed root`, { data: { jobId: id, committed: job.resultRoot } });
    }
    const put = await deps.challenges.putStepHashes({ jobId: BigInt(id), hashes, receivedAt: deps.clock.now() });
    if (put === 'conflict') throw new BaseError('CONFLICT', `Job ${id} already has other step hashes`, { data: { jobId: id } });
    reply.code(put === 'stored' ? 201 : 200);
    return hashesView(job, await stepHashesOf(id));
  });

  app.get('/v1/jobs/:id/step-hashes', async (request): Promise<JobStepHashesResponse> => {
    const { id } = parseOrThrow(jobIdParamsSchema, request.params, 'job id');
    const job = await jobOf(id);
    return hashesView(job, await stepHashesOf(id));
  });

  app.put('/v1/jobs/:id/audit-opening', { bodyLimit: OPENING_BODY_LIMIT }, async (request, reply): Promise<JobAuditOpeningResponse> => {
    const { id } = parseOrThrow(jobIdParamsSchema, request.params, 'job id');
    const { step, opening } = parseOrThrow(putAuditOpeningBodySchema, request.body, 'audit opening');
    const auditor = await verifyHttpRequest(deps.verifier, request);
    const job = await jobOf(id);
    if (job.state !== 'verified') {
      throw new BaseError('JOB_WRONG_STATE', `Job ${id} is ${job.state}: only a verified job, inside its challenge window, can be audited`, { data: { jobId: id, state: job.state } });
    }
    const { hashes } = await stepHashesOf(id);
    if (step + 1 >= hashes.length) throw new BaseError('VALIDATION_FAILED', `Job ${id} has no transition ${step} (T = ${hashes.length - 1})`, { data: { step, steps: hashes.length - 1 } });
    if (opening.hash !== hashes[step] || opening.nextHash !== hashes[step + 1]) {
      throw new BaseError('VALIDATION_FAILED', `The opening's hashes are not the node's h_${step} and h_${step + 1}`, { details: 'Build the opening from GET /v1/jobs/:id/step-hashes (tgrid job audit does).' });
    }
    const put = await deps.challenges.putAuditOpening({ jobId: BigInt(id), auditor, step, body: JSON.stringify(opening), receivedAt: deps.clock.now() });
    if (put === 'conflict') throw new BaseError('CONFLICT', `${auditor} already stored another audit opening of job ${id}`, { data: { jobId: id, auditor } });
    reply.code(put === 'stored' ? 201 : 200);
    return auditView(id, auditor);
  });

  app.get('/v1/jobs/:id/audit-openings/:auditor', async (request): Promise<JobAuditOpeningResponse> => {
    const { id, auditor } = parseOrThrow(auditOpeningParamsSchema, request.params, 'audit opening');
    // Before the dispute is on chain an opening is its auditor's alone: anyone else could copy it
    // and front-run the dispute (opening W_t otherwise takes a replay of t steps).
    if ((await jobOf(id)).state === 'verified' && (await signerOf(request)) !== auditor) {
      throw new BaseError('FORBIDDEN', `${auditor}'s audit opening of job ${id} stays private until the job is disputed`, {
        data: { jobId: id, auditor },
        details: 'Only its auditor reads it before then (a request signed with that key); the referee reads it once the dispute is on chain.',
      });
    }
    return auditView(id, auditor);
  });

  /** The signer of a signed request (its signature verified); undefined for an unsigned one. */
  async function signerOf(request: FastifyRequest): Promise<string | undefined> {
    return request.headers[SIGNATURE_HEADERS.signer] === undefined ? undefined : verifyHttpRequest(deps.verifier, request);
  }

  async function auditView(id: string, auditor: string): Promise<JobAuditOpeningResponse> {
    const stored = await deps.challenges.getAuditOpening(BigInt(id), auditor);
    if (!stored) throw new BaseError('NOT_FOUND', `${auditor} stored no audit opening of job ${id}`, { data: { jobId: id, auditor } });
    return {
      jobId: id, auditor: stored.auditor, step: stored.step, receivedAt: new Date(stored.receivedAt).toISOString(),
      opening: parseOrThrow(transitionOpeningSchema, JSON.parse(stored.body), 'stored audit opening'),
    };
  }
}
