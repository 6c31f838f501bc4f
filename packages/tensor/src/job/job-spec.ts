import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { BaseError, parseOrThrow } from '@tensorgrid/protocol';
import { z } from 'zod';
import { compileModel } from '../model/compile-model';
import { trainingMemoryBytes } from '../model/model-cost';
import { canonicalJson } from '../training/canonical-json';
import { trainingSpecSchema } from '../training/training-job';

/** The longest time limit a job may set: 30 days. */
export const MAX_JOB_TIME_LIMIT_S = 30 * 86_400;
/** The largest tolerance a tolerant job may set: ε is relative to the step's update, so 0.1 already lets a tenth of every update be wrong. */
export const MAX_TOLERANCE_TAU = 0.1;

/**
 * How verifiers check the job's transitions (research/verification.md §6.6): `exact` replays
 * each sampled step bit for bit with the canonical kernels; `tolerant` accepts a committed
 * W_{t+1} within ε ≤ τ of the canonical replay, for solvers on non-canonical kernels. τ comes
 * from profiling (`tgrid job calibrate`). Absent means exact.
 */
export const jobVerificationSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('exact') }),
  z.strictObject({ mode: z.literal('tolerant'), tau: z.number().positive().max(MAX_TOLERANCE_TAU) }),
]);
/** A job's verification mode as the spec writes it. */
export type JobVerification = z.output<typeof jobVerificationSchema>;

/**
 * A job as a requester posts it: the training (model, dataset and where its bytes are,
 * optimizer, schedule, learning rate, batch size, epochs), the wall-clock time a node may
 * take, and the memory the node needs (at least the training's estimated peak, see
 * {@link parseJobSpec}). Its hash ({@link jobSpecHash}) is the JobMarket's `specHash`.
 */
export const jobSpecSchema = z.strictObject({
  version: z.literal(1),
  training: trainingSpecSchema,
  /** Seconds a node may train for once it accepted the job. */
  timeLimitSeconds: z.number().int().min(1).max(MAX_JOB_TIME_LIMIT_S),
  /** Bytes of memory (RAM or GPU memory) the node needs; at least `trainingMemoryBytes`. */
  memoryBytes: z.number().int().min(1).max(2 ** 50),
  /**
   * Exact (the default) or tolerant with τ. No default is filled in: a spec without the field
   * keeps the canonical JSON, and so the hash, it had before the field existed.
   */
  verification: jobVerificationSchema.optional(),
});

/** A parsed job spec (defaults filled in). */
export type JobSpec = z.output<typeof jobSpecSchema>;

/**
 * The verification mode a spec asks for, `{ mode: 'exact' }` when it names none.
 * @param spec - a parsed spec
 */
export function verificationOf(spec: Pick<JobSpec, 'verification'>): JobVerification {
  return spec.verification ?? { mode: 'exact' };
}

/**
 * The least memory a job may declare: the training step's estimated peak.
 * @param spec - the training part of a parsed job spec
 */
export function minimumJobMemoryBytes(spec: JobSpec['training']): number {
  return trainingMemoryBytes(compileModel(spec.model), { optimizer: spec.optimizer, batchSize: spec.batchSize });
}

/**
 * Validates an untrusted job spec: the schema (VALIDATION_FAILED naming each bad field), that
 * the model compiles, and that `memoryBytes` covers the training's estimated peak.
 * @param value - the spec as read from a file or a request body
 * @throws BaseError VALIDATION_FAILED
 */
export function parseJobSpec(value: unknown): JobSpec {
  const spec = parseOrThrow(jobSpecSchema, value, 'job spec');
  const minimum = minimumJobMemoryBytes(spec.training);
  if (spec.memoryBytes < minimum) {
    const message = `must be at least ${minimum} (the training step's estimated peak memory)`;
    throw new BaseError('VALIDATION_FAILED', `Invalid job spec: memoryBytes: ${message}`, { data: { issues: [{ path: 'memoryBytes', message }], minimum } });
  }
  return spec;
}

/**
 * The canonical bytes of a spec: UTF-8 of its canonical JSON (sorted keys, defaults filled in).
 * These bytes are what the coordinator stores, and their SHA-256 is the spec hash.
 * @param spec - a parsed spec
 */
export function jobSpecBytes(spec: JobSpec): Uint8Array {
  return utf8ToBytes(canonicalJson(spec));
}

/**
 * SHA-256 of the spec's canonical JSON, 0x-prefixed: the `specHash` posted on the JobMarket.
 * @param spec - a parsed spec
 */
export function jobSpecHash(spec: JobSpec): `0x${string}` {
  return `0x${bytesToHex(sha256(jobSpecBytes(spec)))}`;
}
