import { createTrainer, generateDataset, parseTrainingJob, train, type Dataset, type Trainer, type TrainerOptions, type TrainingJob, type TrainRun } from '@tensorgrid/tensor';
import { honestPublication } from '../src/prover/honest-publication';
import type { SolverPublication } from '../src/prover/solver-publication';

/** Options of {@link tinyJobInput}. */
export interface TinyJobOptions {
  jobId?: string;
  jobSeed?: string;
  optimizer?: unknown;
  lr?: number;
  epochs?: number;
  size?: number;
  batchSize?: number;
  stateHash?: 'sha256' | 'blake3';
}

/**
 * A tiny MLP job (8 → 16 → 3, 195 parameters) on a 3-class Gaussian mixture: by default
 * 256 examples, batch 8 (32 steps per epoch), 4 epochs, T = 128.
 * @param o - overrides
 */
export function tinyJobInput(o: TinyJobOptions = {}): unknown {
  return {
    jobId: o.jobId ?? 'job-tiny',
    jobSeed: o.jobSeed ?? '5a'.repeat(32),
    spec: {
      version: 1,
      model: { input: [8], layers: [{ type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 3 }] },
      dataset: { kind: 'gaussian-mixture', seed: 'tiny-mixture-3', classes: 3, dim: 8, size: o.size ?? 256, spread: 0.5 },
      optimizer: o.optimizer ?? { kind: 'sgd', momentum: 0.9 },
      schedule: { kind: 'constant', warmupSteps: 0 },
      lr: o.lr ?? 0.05,
      batchSize: o.batchSize ?? 8,
      epochs: o.epochs ?? 4,
      ...(o.stateHash ? { stateHash: o.stateHash } : {}),
    },
  };
}

/**
 * A parsed job, its training split and its trainer.
 * @param input - an unparsed job
 * @param options - trainer options
 */
export function setupJob(input: unknown, options?: TrainerOptions): { job: TrainingJob; dataset: Dataset; trainer: Trainer } {
  const job = parseTrainingJob(input);
  const dataset = generateDataset({ spec: job.spec.dataset, split: 'train' });
  return { job, dataset, trainer: createTrainer(job, dataset, options) };
}

/**
 * A 32-byte hex beacon numbered n (tests and benchmarks).
 * @param n - any non-negative integer
 */
export function beaconOf(n: number): string {
  return n.toString(16).padStart(8, '0').repeat(8);
}

/**
 * A tiny job trained honestly (checkpoints every 16 steps) and its publication.
 * @param o - job overrides
 */
export function honestSetup(o: TinyJobOptions = {}): ReturnType<typeof setupJob> & { run: TrainRun; publication: SolverPublication } {
  const setup = setupJob(tinyJobInput(o));
  const run = train(setup.trainer, { checkpointEvery: 16 });
  return { ...setup, run, publication: honestPublication(setup.trainer, run) };
}
