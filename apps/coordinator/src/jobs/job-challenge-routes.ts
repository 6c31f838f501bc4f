import type { IndexedJob, JobChallenge, JobChallengeStore, JobIndexStore } from '@tensorgrid/domain';
import {
  BaseError, MAX_OPENING_STATE_BYTES, disputedStepOf, jobIdParamsSchema, jobOpeningParamsSchema, jobRoundQuerySchema, parseOrThrow, postChallengeBodySchema, transitionOpeningSchema,
  verdictReportSchema, type JobChallengeView, type JobOpeningResponse, type JobState, type JobVerdictReportResponse,
} from '@tensorgrid/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestVerifier } from '../auth/request-verifier';
import type { Clock } from '../clock';
import { verifyHttpRequest } from '../http/signed-request';
import { verificationRound } from './core/verification-round';
import { indexedJobOrThrow } from './indexed-job-or-throw';

/** Whether an account may post challenges: it holds VERIFIER_ROLE on the JobMarket. */
export interface VerifierRoles {
  isVerifier(account: string): Promise<boolean>;
}

/** What the challenge routes need. */
export interface JobChallengeRouteDeps {
  challenges: JobChallengeStore;
  jobs: JobIndexStore;
  roles: VerifierRoles;
  verifier: RequestVerifier;
  clock: Clock;
}

/** Room for one opening: its two base64 states (W_t, and W_{t+1} for a tolerant job) plus proofs and JSON. */
export const OPENING_BODY_LIMIT = 2 * Math.ceil((MAX_OPENING_STATE_BYTES * 4) / 3) + (1 << 16);

/**
 * The challenge exchange (see `@tensorgrid/protocol` job-challenges): a verifier posts the
 * transitions it drew for a submitted job, the job's node answers each once, and anyone may
 * read both (whistleblowers re-check them). The node of a disputed job also opens the step the
 * dispute names, the referee's evidence for a tolerant job. Writes are signed: the challenge by an account
 * holding VERIFIER_ROLE, the openings by the node that accepted the job on chain.
 *
 * One challenge and verdict report per verification round ({@link verificationRound}): when
 * the node wins a contest, the job is submitted again and takes a new challenge, from a
 * verifier other than those overturned on it. Writes go to the current round; reads take `?round=`.
 * @param app - the Fastify instance
 * @param deps - stores, the on-chain role check, the request verifier and the clock
 */
export function registerJobChallengeRoutes(app: FastifyInstance, deps: JobChallengeRouteDeps): void {
  const jobIn = async (id: string, states: readonly JobState[]): Promise<IndexedJob> => {
    const job = await indexedJobOrThrow(deps.jobs, id);
    if (!states.includes(job.state)) {
      throw new BaseError('JOB_WRONG_STATE', `Job ${id} is ${job.state}, not ${states.join(' or ')}`, { data: { jobId: id, state: job.state } });
    }
    return job;
  };
  const currentRound = async (id: string) => verificationRound(await deps.jobs.eventsOf(BigInt(id)));
  const challengeOf = async (id: string, round?: number): Promise<JobChallenge> => {
    const at = round ?? (await currentRound(id));
    const challenge = await deps.challenges.getChallenge(BigInt(id), at);
    if (!challenge) throw new BaseError('NOT_FOUND', `Job ${id} has no challenge in round ${at} yet`, { data: { jobId: id, round: at } });
    return challenge;
  };
  const view = async (c: JobChallenge): Promise<JobChallengeView> => {
    const answered = new Set(await deps.challenges.answeredSteps(c.jobId));
    return {
      jobId: c.jobId.toString(), round: c.round, verifier: c.verifier, steps: c.steps, beacon: c.beacon,
      issuedAt: new Date(c.issuedAt).toISOString(), respondBy: new Date(c.respondBy).toISOString(), answered: c.steps.filter((s) => answered.has(s)),
    };
  };
  const signer = (request: FastifyRequest) => verifyHttpRequest(deps.verifier, request);
  /** A submitted job's node answers the steps its current challenge names, by the challenge's deadline. */
  const checkChallengedStep = async (id: string, step: number, now: number) => {
    const challenge = await challengeOf(id);
    if (!challenge.steps.includes(step)) throw new BaseError('VALIDATION_FAILED', `Step ${step} was not challenged`, { data: { step, steps: challenge.steps } });
    if (now > challenge.respondBy) {
      throw new BaseError('DEADLINE_PASSED', `The challenge of job ${id} had to be answered by ${new Date(challenge.respondBy).toISOString()}`, { data: { respondBy: challenge.respondBy } });
    }
  };
  /**
   * A disputed job's node opens the step the dispute names (its defence of a tolerant job: only
   * it holds its states; the referee reads it for tolerant jobs only). Not a step any round's
   * challenge named: that opening was due by the challenge's deadline, and a dispute must not
   * reopen it. No deadline here: the referee compares the stored `receivedAt` with the
   * dispute's time (when this index first stored it, if later than its block) plus
   * `DISPUTE_OPENING_WINDOW_SECONDS` of the coordinator's up time (`GET /v1/health/outages`).
   */
  const checkDisputedStep = async (job: IndexedJob, step: number) => {
    const disputed = job.evidence === null ? undefined : disputedStepOf(job.evidence);
    if (disputed !== step) throw new BaseError('VALIDATION_FAILED', `Step ${step} is not the step job ${job.jobId} is disputed at`, { data: { step, disputed: disputed ?? null } });
    const challenged = (await deps.challenges.challengesOf(job.jobId)).find((c) => c.steps.includes(step));
    if (challenged) {
      throw new BaseError('VALIDATION_FAILED', `Step ${step} of job ${job.jobId} was challenged in round ${challenged.round}: its opening was due by that challenge's deadline`, { data: { step, round: challenged.round } });
    }
  };

  app.post('/v1/jobs/:id/challenge', async (request, reply): Promise<JobChallengeView> => {
    const { id } = parseOrThrow(jobIdParamsSchema, request.params, 'job id');
    const body = parseOrThrow(postChallengeBodySchema, request.body, 'challenge');
    const from = await signer(request);
    await jobIn(id, ['submitted']);
    if (!(await deps.roles.isVerifier(from))) throw new BaseError('FORBIDDEN', `${from} holds no VERIFIER_ROLE on the JobMarket`, { data: { signer: from } });
    const round = await currentRound(id);
    const overturned = (await deps.challenges.challengesOf(BigInt(id))).find((c) => c.round < round && c.verifier === from);
    if (overturned) {
      throw new BaseError('FORBIDDEN', `${from}'s rejection of job ${id} was overturned in round ${overturned.round}: another verifier verifies it`, {
        data: { signer: from, jobId: id, round, overturnedRound: overturned.round },
      });
    }
    const now = deps.clock.now();
    const challenge: JobChallenge = { jobId: BigInt(id), round, verifier: from, steps: body.steps, beacon: body.beacon.toLowerCase(), issuedAt: now, respondBy: now + body.respondWithinSeconds * 1_000 };
    const put = await deps.challenges.putChallenge(challenge);
    if (put.kind === 'taken') {
      throw new BaseError('CONFLICT', `Job ${id} is already challenged by ${put.existing.verifier}`, { data: { jobId: id, verifier: put.existing.verifier } });
    }
    reply.code(put.kind === 'created' ? 201 : 200);
    return view(put.kind === 'created' ? challenge : await challengeOf(id, round));
  });

  app.get('/v1/jobs/:id/challenge', async (request): Promise<JobChallengeView> => {
    const { id } = parseOrThrow(jobIdParamsSchema, request.params, 'job id');
    const { round } = parseOrThrow(jobRoundQuerySchema, request.query, 'challenge query');
    return view(await challengeOf(id, round));
  });

  app.put('/v1/jobs/:id/openings/:step', { bodyLimit: OPENING_BODY_LIMIT }, async (request, reply): Promise<JobOpeningResponse> => {
    const { id, step } = parseOrThrow(jobOpeningParamsSchema, request.params, 'opening');
    const opening = parseOrThrow(transitionOpeningSchema, request.body, 'opening');
    const from = await signer(request);
    const job = await jobIn(id, ['submitted', 'disputed']);
    if (from !== job.node) throw new BaseError('FORBIDDEN', `Only job ${id}'s node ${job.node} answers its challenge`, { data: { signer: from, node: job.node } });
    const now = deps.clock.now();
    if (job.state === 'disputed') await checkDisputedStep(job, step);
    else await checkChallengedStep(id, step, now);
    const put = await deps.challenges.putOpening({ jobId: BigInt(id), step, body: JSON.stringify(opening), receivedAt: now });
    if (put === 'conflict') throw new BaseError('CONFLICT', `Step ${step} of job ${id} was already answered differently`, { data: { jobId: id, step } });
    const stored = await deps.challenges.getOpening(BigInt(id), step);
    reply.code(put === 'stored' ? 201 : 200);
    return { jobId: id, step, receivedAt: new Date(stored?.receivedAt ?? now).toISOString(), opening };
  });

  app.get('/v1/jobs/:id/openings/:step', async (request): Promise<JobOpeningResponse> => {
    const { id, step } = parseOrThrow(jobOpeningParamsSchema, request.params, 'opening');
    const stored = await deps.challenges.getOpening(BigInt(id), step);
    if (!stored) throw new BaseError('NOT_FOUND', `Step ${step} of job ${id} has no opening`, { data: { jobId: id, step } });
    return { jobId: id, step, receivedAt: new Date(stored.receivedAt).toISOString(), opening: parseOrThrow(transitionOpeningSchema, JSON.parse(stored.body), 'stored opening') };
  });

  app.put('/v1/jobs/:id/verdict-report', async (request, reply): Promise<JobVerdictReportResponse> => {
    const { id } = parseOrThrow(jobIdParamsSchema, request.params, 'job id');
    const report = parseOrThrow(verdictReportSchema, request.body, 'verdict report');
    const from = await signer(request);
    const challenge = await challengeOf(id);
    if (from !== challenge.verifier) throw new BaseError('FORBIDDEN', `Only ${challenge.verifier}, which challenged job ${id}, reports on it`, { data: { signer: from, verifier: challenge.verifier } });
    const now = deps.clock.now();
    const put = await deps.challenges.putVerdictReport({ jobId: BigInt(id), round: challenge.round, verifier: from, body: JSON.stringify(report), receivedAt: now });
    if (put === 'conflict') throw new BaseError('CONFLICT', `Job ${id} already has a different verdict report in round ${challenge.round}`, { data: { jobId: id, round: challenge.round } });
    reply.code(put === 'stored' ? 201 : 200);
    return reportView(id, challenge.round);
  });

  app.get('/v1/jobs/:id/verdict-report', async (request): Promise<JobVerdictReportResponse> => {
    const { id } = parseOrThrow(jobIdParamsSchema, request.params, 'job id');
    const { round } = parseOrThrow(jobRoundQuerySchema, request.query, 'verdict report query');
    return reportView(id, round ?? (await currentRound(id)));
  });

  async function reportView(id: string, round: number): Promise<JobVerdictReportResponse> {
    const stored = await deps.challenges.getVerdictReport(BigInt(id), round);
    if (!stored) throw new BaseError('NOT_FOUND', `Job ${id} has no verdict report in round ${round}`, { data: { jobId: id, round } });
    return { jobId: id, round, verifier: stored.verifier, receivedAt: new Date(stored.receivedAt).toISOString(), report: parseOrThrow(verdictReportSchema, JSON.parse(stored.body), 'stored verdict report') };
  }
}
