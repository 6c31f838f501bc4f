import { parseJobSpec, type JobSpec } from '@tensorgrid/tensor';

/**
 * The tests' tiny seed-generated job: an 8-16-3 MLP on 256 examples in batches of 16 for
 * 3 epochs, so T = 48 steps (16 an epoch). `seed` names the data; `lr` decides whether honest
 * training reaches the held-out floor.
 * @param options - dataset seed and learning rate
 */
export function tinyJobSpec(options: { seed: string; lr?: number }): JobSpec {
  return parseJobSpec({
    version: 1,
    training: {
      version: 1,
      model: { input: [8], layers: [{ type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 3 }] },
      dataset: { kind: 'gaussian-mixture', seed: options.seed, size: 256, classes: 3, dim: 8, spread: 0.5 },
      optimizer: { kind: 'sgd', momentum: 0.9 },
      lr: options.lr ?? 0.05,
      batchSize: 16,
      epochs: 3,
    },
    timeLimitSeconds: 60,
    memoryBytes: 1 << 24,
  });
}
