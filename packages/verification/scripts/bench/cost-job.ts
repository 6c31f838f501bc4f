import { parseTrainingJob, type StateHashAlgorithm, type TrainingJob } from '@tensorgrid/tensor';

/** The bench's verification beacon (any fixed value: the challenge depends on it and the root). */
export const COST_BEACON = '9e'.repeat(32);

/**
 * The job `bench:verifier-cost` measures: a 64-96-32-10 MLP on a seed-drawn 16,000-row
 * mixture, batch 32, 500 steps an epoch, T steps.
 * @param optimizer - SGD with momentum or Adam
 * @param T - steps (a multiple of 500)
 * @param stateHash - the state hash @default 'sha256'
 */
export function costJob(optimizer: 'sgd' | 'adam', T: number, stateHash: StateHashAlgorithm = 'sha256'): TrainingJob {
  return parseTrainingJob({
    jobId: `cost-${optimizer}-${T}`,
    jobSeed: '3c'.repeat(32),
    spec: {
      version: 1,
      model: { input: [64], layers: [{ type: 'dense', units: 96, activation: 'relu' }, { type: 'dense', units: 32, activation: 'relu' }, { type: 'dense', units: 10 }] },
      dataset: { kind: 'gaussian-mixture', seed: 'verifier-cost', classes: 10, dim: 64, size: 16_000, spread: 1 },
      optimizer: optimizer === 'sgd' ? { kind: 'sgd', momentum: 0.9 } : { kind: 'adam' },
      schedule: { kind: 'cosine', warmupSteps: 20 },
      lr: optimizer === 'sgd' ? 0.05 : 0.002,
      batchSize: 32,
      epochs: T / 500,
      stateHash,
    },
  });
}
