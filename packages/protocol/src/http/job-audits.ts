import { z } from 'zod';
import { addressSchema, bytes32Schema } from '../common';
import { digestHexSchema, transitionOpeningSchema } from './job-challenges';
import { jobIdSchema } from './jobs';

/**
 * Audits (research/verification.md §6.7.2): a whistleblower may re-run a verified job in full
 * and dispute any transition, not only the ones the verifier challenged. For that the node
 * publishes its step hashes h_0 … h_T (the leaves under its committed root) with the result;
 * an auditor whose replay of transition t lands off h_{t+1} builds the opening of t itself
 * (its own W_t, which hashes to h_t, and proofs from the published leaves) and stores it
 * before disputing; the referee re-runs that one step.
 */

/** Most leaves a job may publish: 2^18 steps. */
export const MAX_STEP_HASH_LEAVES = 2 ** 18 + 1;

/** Body of `PUT /v1/jobs/:id/step-hashes`: h_0 … h_T. Anyone may publish them; the coordinator checks them against the job's result root. */
export const putStepHashesBodySchema = z.strictObject({
  hashes: z.array(digestHexSchema).min(2).max(MAX_STEP_HASH_LEAVES),
});
/** Body of `PUT /v1/jobs/:id/step-hashes`. */
export type PutStepHashesBody = z.infer<typeof putStepHashesBodySchema>;

/** `GET /v1/jobs/:id/step-hashes` (and the PUT's answer). */
export const jobStepHashesResponseSchema = z.object({
  jobId: jobIdSchema,
  /** The result root they hash to (0x-prefixed), as committed on chain. */
  root: bytes32Schema,
  receivedAt: z.string().datetime(),
  hashes: z.array(digestHexSchema),
});
/** A job's published step hashes. */
export type JobStepHashesResponse = z.infer<typeof jobStepHashesResponseSchema>;

/** Body of `PUT /v1/jobs/:id/audit-opening` (signed by the auditor): its opening of transition `step`. */
export const putAuditOpeningBodySchema = z.strictObject({
  step: z.number().int().min(0).max(2 ** 40),
  opening: transitionOpeningSchema,
});
/** Body of `PUT /v1/jobs/:id/audit-opening`. */
export type PutAuditOpeningBody = z.infer<typeof putAuditOpeningBodySchema>;

/** Params of `GET /v1/jobs/:id/audit-openings/:auditor`. */
export const auditOpeningParamsSchema = z.strictObject({ id: jobIdSchema, auditor: addressSchema.transform((a) => a.toLowerCase()) });

/** An auditor's opening as served. */
export const jobAuditOpeningResponseSchema = z.object({
  jobId: jobIdSchema,
  auditor: addressSchema,
  step: z.number().int().min(0),
  receivedAt: z.string().datetime(),
  opening: transitionOpeningSchema,
});
/** An auditor's opening as served. */
export type JobAuditOpeningResponse = z.infer<typeof jobAuditOpeningResponseSchema>;
