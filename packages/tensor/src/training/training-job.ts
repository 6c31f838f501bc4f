import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { parseOrThrow } from '@tensorgrid/protocol';
import { z } from 'zod';
import { datasetInputShape, datasetSpecSchema, datasetTrainSize } from '../data/dataset-spec';
import { compileModel } from '../model/compile-model';
import { modelSpecSchema } from '../model/model-spec';
import { lrScheduleSchema } from '../optim/lr-schedule';
import { optimizerSpecSchema } from '../optim/optimizer-spec';
import { canonicalJson } from './canonical-json';
import { STATE_HASH_ALGORITHMS } from './state-hash';

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');

/**
 * Everything that fixes a training run besides the job id and seed: the model, the data, the
 * optimizer, the schedule and the sizes. It is part of the signed job, and its hash goes into
 * every state commitment, so a solver cannot pick its own learning rate or optimizer.
 * T = epochs · ⌊training rows / batchSize⌋ steps (a partial last batch is dropped; the training
 * rows are dataset.size less a tabular file's held-out rows).
 */
export const trainingSpecSchema = z
  .strictObject({
    version: z.literal(1),
    model: modelSpecSchema,
    dataset: datasetSpecSchema,
    optimizer: optimizerSpecSchema,
    schedule: lrScheduleSchema.default({ kind: 'constant', warmupSteps: 0 }),
    lr: z.number().finite().positive().max(10),
    batchSize: z.number().int().min(1).max(4096),
    epochs: z.number().int().min(1).max(10_000),
    /** The hash of the state commitments and their Merkle tree. Absent means SHA-256 (no default filled in, so specs written before it hash as they did). */
    stateHash: z.enum(STATE_HASH_ALGORITHMS).optional(),
  })
  .superRefine((s, ctx) => {
    if (datasetInputShape(s.dataset).join('x') !== s.model.input.join('x')) ctx.addIssue({ code: 'custom', path: ['model', 'input'], message: `must equal the dataset's shape [${datasetInputShape(s.dataset).join(', ')}]` });
    const last = s.model.layers[s.model.layers.length - 1];
    if (last?.type === 'dense' && last.units !== s.dataset.classes) ctx.addIssue({ code: 'custom', path: ['model', 'layers'], message: `the last layer needs ${s.dataset.classes} units (the dataset's classes)` });
    if (s.batchSize > datasetTrainSize(s.dataset)) ctx.addIssue({ code: 'custom', path: ['batchSize'], message: 'must not exceed the training rows (dataset size less held-out rows)' });
  });

/** A training job as solver and verifier see it: who it is, its seed and its spec. */
export const trainingJobSchema = z.strictObject({
  /** The job's id (e.g. the JobMarket id as decimal); bound into every state hash. */
  jobId: z.string().min(1).max(128),
  /** jobSeed = H(jobId ‖ beacon at assignment), see {@link deriveJobSeed}; 32 bytes as hex. */
  jobSeed: hex32,
  spec: trainingSpecSchema,
});

export type TrainingSpec = z.infer<typeof trainingSpecSchema>;
export type TrainingJob = z.infer<typeof trainingJobSchema>;

/**
 * Validates an untrusted job (VALIDATION_FAILED naming each bad field) and checks its model
 * compiles, filling defaults so the spec hash covers every value actually used.
 * @param value - the job as received
 */
export function parseTrainingJob(value: unknown): TrainingJob {
  const job = parseOrThrow(trainingJobSchema, value, 'training job');
  compileModel(job.spec.model);
  return job;
}

/**
 * SHA-256 of the spec's canonical JSON (sorted keys, defaults filled in): the spec hash
 * every state commitment carries.
 * @param spec - a parsed spec
 */
export function trainingSpecHash(spec: TrainingSpec): Uint8Array {
  return sha256(utf8ToBytes(canonicalJson(spec)));
}

/**
 * jobSeed = SHA-256("tensorgrid/job-seed/v1" ‖ u32le |jobId| ‖ jobId ‖ beacon): fixed only
 * once the beacon (commit-reveal value or block hash) drawn at assignment is known, so
 * neither party can steer the initial weights or the batch order.
 * @param jobId - the job's id
 * @param beaconHex - the beacon, 32 bytes as hex
 */
export function deriveJobSeed(jobId: string, beaconHex: string): string {
  const id = utf8ToBytes(jobId);
  const len = new Uint8Array([id.length & 255, (id.length >>> 8) & 255, (id.length >>> 16) & 255, id.length >>> 24]);
  return bytesToHex(sha256(concatBytes(utf8ToBytes('tensorgrid/job-seed/v1'), len, id, hexToBytes(parseOrThrow(hex32, beaconHex, 'beacon')))));
}

/**
 * Steps per epoch and in total.
 * @param spec - a parsed spec
 */
export function trainingSteps(spec: TrainingSpec): { stepsPerEpoch: number; totalSteps: number } {
  const stepsPerEpoch = Math.floor(datasetTrainSize(spec.dataset) / spec.batchSize);
  return { stepsPerEpoch, totalSteps: stepsPerEpoch * spec.epochs };
}
