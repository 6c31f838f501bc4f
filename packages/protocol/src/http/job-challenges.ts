import { z } from 'zod';
import { addressSchema, bytes32Schema } from '../common';
import { jobIdSchema } from './jobs';

/**
 * The challenge exchange between a verifier and a job's node, relayed by the coordinator
 * (research/verification.md §6.5): after the result root is committed on chain, a verifier
 * posts the transitions t → t+1 it drew from a beacon revealed after the commitment; the node
 * answers each with an opening (state W_t with its optimizer slots and the Merkle proofs of
 * h_t and h_{t+1}; for a tolerant job also the committed W_{t+1}). Openings are write-once, so a node cannot change an answer once seen.
 */

/** Most transitions one challenge may ask for (q = 48 plus the first, the last and epoch boundaries fit easily). */
export const MAX_CHALLENGE_STEPS = 512;
/** Largest encoded state one opening may carry (bytes before base64): 16 MiB, ~1.3 M parameters with Adam. */
export const MAX_OPENING_STATE_BYTES = 16 * 1024 * 1024;
/** Deepest Merkle proof accepted (2^40 steps). */
const MAX_PROOF_DEPTH = 40;

/** A SHA-256 digest as the tensor package writes it: 64 lower-case hex characters, no 0x. */
export const digestHexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters');

/** Body of `POST /v1/jobs/:id/challenge` (signed by a verifier). */
export const postChallengeBodySchema = z.strictObject({
  /** The transitions to open, by their first step t (t → t+1), ascending and distinct. */
  steps: z
    .array(z.number().int().min(0).max(2 ** 40))
    .min(1)
    .max(MAX_CHALLENGE_STEPS)
    .refine((s) => s.every((t, i) => i === 0 || t > (s[i - 1] as number)), 'must be ascending and distinct'),
  /** The beacon the steps were drawn from, so anyone can redraw them. */
  beacon: bytes32Schema,
  /** How long the node has to answer. */
  respondWithinSeconds: z.number().int().min(10).max(86_400).default(600),
});
/** Body of `POST /v1/jobs/:id/challenge` (parsed). */
export type PostChallengeBody = z.output<typeof postChallengeBodySchema>;

/**
 * Which verification round to read (`GET /v1/jobs/:id/challenge` and `…/verdict-report`):
 * round 0 is the first verifier's; each contested rejection the node wins starts the next,
 * for another verifier. Default: the job's current round.
 */
export const jobRoundQuerySchema = z.strictObject({ round: z.coerce.number().int().min(0).max(10_000).optional() });

/** A job's challenge, as `GET /v1/jobs/:id/challenge` returns it. */
export const jobChallengeSchema = z.object({
  jobId: jobIdSchema,
  /** The verification round it belongs to (see {@link jobRoundQuerySchema}). */
  round: z.number().int().min(0),
  verifier: addressSchema,
  steps: z.array(z.number().int().min(0)),
  beacon: bytes32Schema,
  issuedAt: z.string().datetime(),
  respondBy: z.string().datetime(),
  /** The steps the node has answered so far. */
  answered: z.array(z.number().int().min(0)),
});
/** A job's challenge. */
export type JobChallengeView = z.infer<typeof jobChallengeSchema>;

/** Params of the opening routes. */
export const jobOpeningParamsSchema = z.strictObject({ id: jobIdSchema, step: z.coerce.number().int().min(0).max(2 ** 40) });

/** Body of `PUT /v1/jobs/:id/openings/:step` (signed by the job's node): transition t → t+1 opened. */
export const transitionOpeningSchema = z.strictObject({
  /** W_t and the optimizer slots, the tensor package's state encoding, base64. */
  state: z.string().base64().max(Math.ceil(MAX_OPENING_STATE_BYTES / 3) * 4),
  /** h_t and its proof under the committed root (leaf index t). */
  hash: digestHexSchema,
  proof: z.array(digestHexSchema).max(MAX_PROOF_DEPTH),
  /** h_{t+1} and its proof (leaf index t+1). */
  nextHash: digestHexSchema,
  nextProof: z.array(digestHexSchema).max(MAX_PROOF_DEPTH),
  /**
   * W_{t+1} as committed, same encoding as `state`: needed for a tolerant job (the verifier
   * cannot replay it bit for bit and compares its own step with it within τ), ignored for an exact one.
   */
  nextState: z.string().base64().max(Math.ceil(MAX_OPENING_STATE_BYTES / 3) * 4).optional(),
});
/** An opened transition on the wire. */
export type TransitionOpeningWire = z.infer<typeof transitionOpeningSchema>;

/** `GET /v1/jobs/:id/openings/:step`: the node's answer and when it arrived. */
export const jobOpeningResponseSchema = z.object({
  jobId: jobIdSchema,
  step: z.number().int().min(0),
  receivedAt: z.string().datetime(),
  opening: transitionOpeningSchema,
});
/** An opening as served. */
export type JobOpeningResponse = z.infer<typeof jobOpeningResponseSchema>;

/** Most failures one verdict report may list (a challenge's steps plus the held-out check fit easily). */
export const MAX_VERDICT_FAILURES = 600;

/** Why a check of a node's commitment failed (the verification package's kinds). */
export const verdictFailureKindSchema = z.enum(['bad-proof', 'state-mismatch', 'wrong-transition', 'wrong-init', 'withheld', 'over-tolerance', 'structure', 'held-out', 'leaves-withheld', 'gas-mismatch']);
/** A failure kind. */
export type VerdictFailureKind = z.infer<typeof verdictFailureKindSchema>;

/**
 * Body of `PUT /v1/jobs/:id/verdict-report` (signed by the verifier that posted the job's
 * challenge): what its replay found, published before its verdict on chain so that a referee
 * can re-run the one step its first failure names when the node contests. Write-once.
 */
export const verdictReportSchema = z.strictObject({
  passed: z.boolean(),
  /** The failed checks in the order found: transition t (or leaf T for the held-out check) and why. */
  failures: z
    .array(z.strictObject({ step: z.number().int().min(0).max(2 ** 40), kind: verdictFailureKindSchema, detail: z.string().max(500).optional() }))
    .max(MAX_VERDICT_FAILURES),
  /** How many transitions were replayed. */
  checkedSteps: z.number().int().min(0).max(MAX_CHALLENGE_STEPS).optional(),
}).refine((r) => r.passed === (r.failures.length === 0), 'passed must be true exactly when failures is empty');
/** A verifier's report on one job. */
export type VerdictReport = z.infer<typeof verdictReportSchema>;

/** `GET` (and `PUT`) `/v1/jobs/:id/verdict-report`: the report, who published it and when. */
export const jobVerdictReportResponseSchema = z.object({
  jobId: jobIdSchema,
  /** The verification round of the challenge it reports on. */
  round: z.number().int().min(0),
  verifier: addressSchema,
  receivedAt: z.string().datetime(),
  report: verdictReportSchema,
});
/** A verdict report as served. */
export type JobVerdictReportResponse = z.infer<typeof jobVerdictReportResponseSchema>;

/**
 * A whistleblower's dispute evidence on chain: the disputed transition t as a 32-byte
 * big-endian integer. The referee re-runs that one step from the node's stored opening.
 * @param step - the transition t → t+1 the whistleblower claims is wrong
 */
export function disputeEvidence(step: number): `0x${string}` {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`not a step: ${step}`);
  return `0x${step.toString(16).padStart(64, '0')}`;
}

/**
 * Seconds after a dispute within which the node of a tolerant job must open the disputed step
 * (`PUT /v1/jobs/:id/openings/:step`) when no verifier challenged it: only the node holds a
 * tolerant run's states. The referee rules against a node that did not. The seconds run from
 * when the node could first see the dispute through the coordinator: the later of its block's
 * time and when the coordinator's job index first stored it (`JobEventView.indexedAt`; the
 * opening route accepts the step only from then). They count only the coordinator's up time:
 * its outages (`GET /v1/health/outages`) move the deadline on, since the node can open the step
 * through no one else. Up means a coordinator process was marking itself alive in the database.
 */
export const DISPUTE_OPENING_WINDOW_SECONDS = 3_600;

/**
 * A whistleblower's dispute evidence claiming that the job's gas on chain is not its spec's
 * (`jobGas`): all ones, which names no step. The referee compares the two.
 */
export const GAS_DISPUTE_EVIDENCE = `0x${'f'.repeat(64)}` as const;

/**
 * The step a dispute's evidence names, or undefined when it names none (not a small integer).
 * @param evidence - the JobMarket job's `evidence` (0x-prefixed 32 bytes)
 */
export function disputedStepOf(evidence: string): number | undefined {
  if (!/^0x[0-9a-fA-F]{64}$/.test(evidence)) return undefined;
  const step = BigInt(evidence);
  return step <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(step) : undefined;
}
