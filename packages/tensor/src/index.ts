/**
 * @module @tensorgrid/tensor
 * Deterministic float32 training in TypeScript (research/verification.md §6.2–6.5): kernels
 * with a fixed summation order and `Math.fround` after every operation, own exp/log,
 * seed-drawn weights, data and batches, per-step state hashes under a Merkle root, and the
 * one-step replay that solver, verifier and referee share. Pure: no I/O.
 */
export { exp32, expF64 } from './math/exp32';
export { log32, logF64 } from './math/log32';
export { sqrt32 } from './math/sqrt32';
export { powInt } from './math/pow-int';
export { cosPi } from './math/cos-pi';
export { denseForward, denseBackward, type DenseShape, type DenseForwardArgs, type DenseBackwardArgs, type DenseGradients } from './kernels/dense';
export { conv2dForward, conv2dBackward, conv2dGeometry, type Conv2dShape, type Conv2dForwardArgs, type Conv2dBackwardArgs } from './kernels/conv2d';
export { reluForward, reluBackward } from './kernels/relu';
export { softmaxCrossEntropy, type SoftmaxCrossEntropyArgs, type SoftmaxCrossEntropyResult } from './kernels/softmax-cross-entropy';
export { canonicalReduction, reversedReduction, lanesReduction, shuffledReduction, type Reduction } from './kernels/reduction';
export { optimizerSpecSchema, sgdSpecSchema, adamSpecSchema, optimizerSlotCount, type OptimizerSpec, type SgdSpec, type AdamSpec } from './optim/optimizer-spec';
export { applyOptimizer, type OptimizerUpdate } from './optim/apply-optimizer';
export { lrScheduleSchema, learningRate, type LrSchedule } from './optim/lr-schedule';
export { modelSpecSchema, layerSpecSchema, type ModelSpec, type LayerSpec } from './model/model-spec';
export { compileModel, type CompiledModel, type LayerPlan } from './model/compile-model';
export { trainingFlops, trainingMemoryBytes } from './model/model-cost';
export { forwardLogits, lossAndGradients, type Batch, type NetworkPass, type LossAndGradients } from './model/network';
export { initParams } from './model/init-params';
export { createPrfStream, type PrfStream, type PrfInput } from './prf/prf-stream';
export { epochOrder } from './prf/epoch-order';
export { datasetSpecSchema, datasetInputShape, datasetTrainSize, type DatasetSpec } from './data/dataset-spec';
export { datasetSampler, generateDataset, type Dataset, type DatasetDraw } from './data/generate-dataset';
export { tabularSchema, datasetLocationSchema, type TabularSpec, type DatasetLocation } from './data/tabular-spec';
export { parseTabularDataset, countTabularRows } from './data/parse-tabular-dataset';
export { loadDataset, type LoadDatasetParams } from './data/load-dataset';
export { tabularHeldOutRows, splitTabularDataset } from './data/tabular-held-out-rows';
export {
  jobSpecSchema, jobVerificationSchema, parseJobSpec, jobSpecHash, jobSpecBytes, minimumJobMemoryBytes, verificationOf, MAX_JOB_TIME_LIMIT_S, MAX_TOLERANCE_TAU,
  type JobSpec, type JobVerification,
} from './job/job-spec';
export { jobGas, GAS_WEI_PER_GFLOP, type JobGas } from './job/job-gas';
export {
  trainingSpecSchema, trainingJobSchema, parseTrainingJob, trainingSpecHash, deriveJobSeed, trainingSteps,
  type TrainingSpec, type TrainingJob,
} from './training/training-job';
export { canonicalJson } from './training/canonical-json';
export { cloneState, type TrainingState } from './training/training-state';
export { stateHash, hashFactory, treeDigest, STATE_HASH_ALGORITHMS, type StateHashContext, type StateHashAlgorithm, type HashFactory, type StateHashes } from './training/state-hash';
export { assertConformance, checkConformance, CONFORMANCE_VECTOR_COUNT, type ConformanceFailure } from './conformance/check-conformance';
export { float32Bytes } from './training/float32-bytes';
export { createTrainer, type Trainer, type TrainerOptions, type StepOutcome } from './training/trainer';
export { trainStep } from './training/train-step';
export { train, stateAt, DEFAULT_CHECKPOINT_EVERY, type TrainOptions, type TrainRun } from './training/train';
export { checkTransition, isCommittedLeaf, openedLeavesCommitted, replayStep, type ClaimedLeaf, type TransitionOpening, type TransitionVerdict } from './training/check-transition';
export { evaluate } from './training/evaluate';
export { encodeTrainingState, decodeTrainingState } from './training/state-codec';
export { tolerantDistance, type TolerantDistance } from './training/tolerant-distance';
