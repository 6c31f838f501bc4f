import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { createTrainer, generateDataset, parseTrainingJob, type Dataset, type Trainer, type TrainingJob } from '@tensorgrid/tensor';

/**
 * The cheater benchmark's job class: MLP 8 → 16 → 3 (195 parameters), SGD-momentum, 400
 * examples of a 3-class Gaussian mixture, batch 8 → 50 steps per epoch, 4 epochs, T = 200
 * (so f = 1 %, 5 %, 10 %, 50 % are whole step counts). Small on purpose: the detection
 * rates depend on T, q and f, not on the model's size, and thousands of jobs fit in minutes.
 */
export const BENCH_T = 200;

/** Job number i of the class: its own id and seed, the same spec (and dataset). */
export function benchJob(i: number): TrainingJob {
  return parseTrainingJob({
    jobId: `bench-${i}`,
    jobSeed: bytesToHex(sha256(utf8ToBytes(`bench-job-seed/${i}`))),
    spec: {
      version: 1,
      model: { input: [8], layers: [{ type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 3 }] },
      dataset: { kind: 'gaussian-mixture', seed: 'bench-cheaters-mixture', classes: 3, dim: 8, size: 400, spread: 0.5 },
      optimizer: { kind: 'sgd', momentum: 0.9 },
      schedule: { kind: 'constant', warmupSteps: 0 },
      lr: 0.05,
      batchSize: 8,
      epochs: 4,
    },
  });
}

let dataset: Dataset | undefined;

/** The training split (the same for every job of the class). */
export function benchDataset(): Dataset {
  dataset ??= generateDataset({ spec: benchJob(0).spec.dataset, split: 'train' });
  return dataset;
}

/** The canonical trainer of job i. */
export function benchTrainer(i: number): Trainer {
  return createTrainer(benchJob(i), benchDataset());
}

/** The beacon of trial i of a cell (distinct per cell and trial). */
export function benchBeacon(cell: string, i: number): string {
  return bytesToHex(sha256(utf8ToBytes(`bench-beacon/${cell}/${i}`)));
}
