import { generateDataset } from '../src/data/generate-dataset';
import { createTrainer, type Trainer, type TrainerOptions } from '../src/training/trainer';
import { parseTrainingJob, type TrainingJob } from '../src/training/training-job';

/** A ~10 k-parameter MLP (64 → 96 → 32 → 10) on a 10-class Gaussian mixture. */
export function mlpJobInput(overrides: { jobId?: string; jobSeed?: string; optimizer?: unknown; lr?: number; epochs?: number; size?: number; stateHash?: string } = {}): unknown {
  return {
    jobId: overrides.jobId ?? 'job-mlp',
    jobSeed: overrides.jobSeed ?? 'ab'.repeat(32),
    spec: {
      version: 1,
      model: { input: [64], layers: [{ type: 'dense', units: 96, activation: 'relu' }, { type: 'dense', units: 32, activation: 'relu' }, { type: 'dense', units: 10 }] },
      dataset: { kind: 'gaussian-mixture', seed: 'mixture-10', classes: 10, dim: 64, size: overrides.size ?? 512, spread: 1 },
      optimizer: overrides.optimizer ?? { kind: 'sgd', momentum: 0.9 },
      schedule: { kind: 'cosine', warmupSteps: 4 },
      lr: overrides.lr ?? 0.05,
      batchSize: 32,
      epochs: overrides.epochs ?? 2,
      ...(overrides.stateHash ? { stateHash: overrides.stateHash } : {}),
    },
  };
}

/** A 620-parameter CNN (conv 4×3×3 → ReLU → flatten → dense 4) on 8×8 drawn shapes. */
export function cnnJobInput(overrides: { epochs?: number } = {}): unknown {
  return {
    jobId: 'job-cnn',
    jobSeed: 'cd'.repeat(32),
    spec: {
      version: 1,
      model: { input: [1, 8, 8], layers: [{ type: 'conv2d', filters: 4, kernel: 3, activation: 'relu' }, { type: 'flatten' }, { type: 'dense', units: 4 }] },
      dataset: { kind: 'shapes', seed: 'shapes-8', classes: 4, side: 8, size: 512, noise: 0.3 },
      optimizer: { kind: 'adam' },
      lr: 0.01,
      batchSize: 16,
      epochs: overrides.epochs ?? 2,
    },
  };
}

/**
 * A parsed job and its trainer over the job's training split.
 * @param input - an unparsed job
 * @param options - trainer options
 */
export function trainerFor(input: unknown, options?: TrainerOptions): { job: TrainingJob; trainer: Trainer } {
  const job = parseTrainingJob(input);
  return { job, trainer: createTrainer(job, generateDataset({ spec: job.spec.dataset, split: 'train' }), options) };
}
