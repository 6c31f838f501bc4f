import { hexToBytes } from '@noble/hashes/utils';
import type { Sha256Digest } from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';
import { datasetTrainSize } from '../data/dataset-spec';
import type { Dataset } from '../data/generate-dataset';
import type { Reduction } from '../kernels/reduction';
import { compileModel, type CompiledModel } from '../model/compile-model';
import { initParams } from '../model/init-params';
import { lossAndGradients, type Batch } from '../model/network';
import { applyOptimizer } from '../optim/apply-optimizer';
import { learningRate } from '../optim/lr-schedule';
import { optimizerSlotCount } from '../optim/optimizer-spec';
import { epochOrder } from '../prf/epoch-order';
import { markNanFree } from './float32-bytes';
import { hashFactory, stateHash, treeDigest, type StateHashes } from './state-hash';
import { trainingSpecHash, trainingSteps, type TrainingJob } from './training-job';
import type { TrainingState } from './training-state';

/** A step's new state, with the batch's loss and correct count before the update. */
export interface StepOutcome {
  state: TrainingState;
  loss: number;
  correct: number;
}

/**
 * One job's canonical training function, shared by the solver (all T steps), the verifier
 * (sampled steps) and the referee (one disputed step). Caches the compiled model, the spec
 * hash and the current epoch's order keys; otherwise stateless, so any step can be run from
 * any state, at the cost of that step alone.
 */
export interface Trainer {
  job: TrainingJob;
  model: CompiledModel;
  specHash: Uint8Array;
  stepsPerEpoch: number;
  totalSteps: number;
  /** W₀ from PRF(jobSeed, "init") and zeroed optimizer slots. */
  initialState(): TrainingState;
  /** batch_t, positions [t·B, (t+1)·B) of its epoch's {@link epochOrder} from PRF(jobSeed, "batch", epoch): never taken from the solver. */
  batchAt(t: number): Batch;
  /** The canonical step: forward, softmax cross-entropy, backward, optimizer at lr_t, t → t+1. */
  stepOnBatch(state: TrainingState, batch: Batch): StepOutcome;
  /** stepOnBatch(state, batchAt(state.step)).state. */
  step(state: TrainingState): TrainingState;
  /** h_t of a state under this job ({@link stateHash}). */
  hash(state: TrainingState): string;
  /** One-shot digest of the job's Merkle tree over its step hashes ({@link treeDigest}). */
  digest: Sha256Digest;
  /** Throws VALIDATION_FAILED unless the state has this job's shapes and a step in [0, T]. */
  checkState(state: TrainingState): void;
}

export interface TrainerOptions {
  /** Profiling only: a non-canonical summation order (tolerant-mode noise). */
  reduction?: Reduction;
  /** Native state hashes by algorithm (same digests, faster); the job's `spec.stateHash` picks one, @noble/hashes' when absent. */
  hashes?: StateHashes;
}

/**
 * Builds the trainer of a parsed job over its training set.
 * @param job - a job from {@link parseTrainingJob}
 * @param dataset - the training split, `generateDataset({ spec: job.spec.dataset, split: 'train' })`
 * @param options - profiling options; omit for canonical training
 */
export function createTrainer(job: TrainingJob, dataset: Dataset, options: TrainerOptions = {}): Trainer {
  const { spec } = job;
  const model = compileModel(spec.model);
  const trainRows = datasetTrainSize(spec.dataset);
  if (dataset.count !== trainRows || dataset.inputs.length !== dataset.count * model.inputSize) {
    throw new BaseError('VALIDATION_FAILED', 'The dataset does not match the job spec', { data: { count: dataset.count, expected: trainRows } });
  }
  const seed = hexToBytes(job.jobSeed);
  const specHash = trainingSpecHash(spec);
  const { stepsPerEpoch, totalSteps } = trainingSteps(spec);
  const slotCount = optimizerSlotCount(spec.optimizer);
  let cached: { epoch: number; order: (position: number) => number } | undefined;
  const hash = hashFactory(spec.stateHash ?? 'sha256', options.hashes);

  const checkState = (state: TrainingState): void => {
    const ok =
      Number.isSafeInteger(state.step) && state.step >= 0 && state.step <= totalSteps && state.params instanceof Float32Array && state.params.length === model.paramCount &&
      Array.isArray(state.slots) && state.slots.length === slotCount && state.slots.every((s) => s instanceof Float32Array && s.length === model.paramCount);
    if (!ok) throw new BaseError('VALIDATION_FAILED', 'The training state does not fit this job', { data: { step: state.step, paramCount: model.paramCount, slots: slotCount } });
  };

  const batchAt = (t: number): Batch => {
    if (!Number.isSafeInteger(t) || t < 0 || t >= totalSteps) throw new BaseError('VALIDATION_FAILED', `No step ${t} in a job of ${totalSteps} steps`);
    const epoch = Math.floor(t / stepsPerEpoch);
    if (cached?.epoch !== epoch) cached = { epoch, order: epochOrder(seed, epoch, dataset.count) };
    const B = spec.batchSize;
    const size = model.inputSize;
    const inputs = new Float32Array(B * size);
    const labels = new Uint32Array(B);
    const first = (t % stepsPerEpoch) * B;
    for (let k = 0; k < B; k++) {
      const idx = cached.order(first + k);
      inputs.set(dataset.inputs.subarray(idx * size, (idx + 1) * size), k * size);
      labels[k] = dataset.labels[idx]!;
    }
    return { inputs, labels, count: B };
  };

  const stepOnBatch = (state: TrainingState, batch: Batch): StepOutcome => {
    checkState(state);
    if (state.step >= totalSteps) throw new BaseError('VALIDATION_FAILED', `The job has only ${totalSteps} steps`);
    const { loss, correct, grads } = lossAndGradients({ model, params: state.params, reduction: options.reduction }, batch);
    const next: TrainingState = { step: state.step + 1, params: state.params.slice(), slots: state.slots.map((s) => s.slice()) };
    const lr = learningRate(spec.schedule, spec.lr, { t: state.step, totalSteps });
    if (applyOptimizer({ spec: spec.optimizer, lr, t: state.step + 1, params: next.params, grads, slots: next.slots })) {
      // The update wrote every entry of these copies, none NaN: hashing them needs no scan.
      for (const v of [next.params, ...next.slots]) markNanFree(v);
    }
    return { state: next, loss, correct };
  };

  return {
    job,
    model,
    specHash,
    stepsPerEpoch,
    totalSteps,
    initialState: () => ({ step: 0, params: initParams(model, seed), slots: Array.from({ length: slotCount }, () => new Float32Array(model.paramCount)) }),
    batchAt,
    stepOnBatch,
    step: (state) => stepOnBatch(state, batchAt(state.step)).state,
    hash: (state) => stateHash({ jobId: job.jobId, specHash, hash }, state),
    digest: treeDigest(spec.stateHash ?? 'sha256'),
    checkState,
  };
}
