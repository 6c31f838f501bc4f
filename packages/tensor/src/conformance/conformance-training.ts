import { utf8ToBytes } from '@noble/hashes/utils';
import { generateDataset } from '../data/generate-dataset';
import type { StateHashes } from '../training/state-hash';
import { train } from '../training/train';
import { createTrainer } from '../training/trainer';
import { parseTrainingJob } from '../training/training-job';

const MLP_SPEC = {
  version: 1,
  model: { input: [12], layers: [{ type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 3 }] },
  dataset: { kind: 'gaussian-mixture', seed: 'conformance-mixture', classes: 3, dim: 12, size: 80, spread: 0.7 },
  optimizer: { kind: 'sgd', momentum: 0.9, weightDecay: 0.0005 },
  schedule: { kind: 'cosine', warmupSteps: 3, minLr: 0.001 },
  lr: 0.1,
  batchSize: 8,
  epochs: 2,
} as const;

/**
 * The 20-step mini-training runs of the conformance vectors (each crosses an epoch
 * boundary): an MLP with SGD-momentum, weight decay and cosine schedule with warm-up, and a
 * CNN (same padding) with Adam and step decay, both with SHA-256 state hashes, and the MLP
 * again with BLAKE3 ones. The output is the Merkle root over the 21 state hashes, so every
 * kernel, the optimizer, the schedule, the PRF draws and each state hash all have to agree
 * bit for bit.
 */
export const MINI_TRAINING_JOBS = {
  'training/mlp-sgd-20': {
    jobId: 'conformance-mlp',
    jobSeed: '11'.repeat(32),
    spec: MLP_SPEC,
  },
  'training/cnn-adam-20': {
    jobId: 'conformance-cnn',
    jobSeed: '22'.repeat(32),
    spec: {
      version: 1,
      model: { input: [1, 6, 6], layers: [{ type: 'conv2d', filters: 3, kernel: 3, padding: 'same', activation: 'relu' }, { type: 'conv2d', filters: 2, kernel: 3, activation: 'relu' }, { type: 'flatten' }, { type: 'dense', units: 4 }] },
      dataset: { kind: 'shapes', seed: 'conformance-shapes', classes: 4, side: 6, size: 40, noise: 0.3 },
      optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.99, eps: 1e-7 },
      schedule: { kind: 'step', every: 7, gamma: 0.5 },
      lr: 0.01,
      batchSize: 4,
      epochs: 2,
    },
  },
  'training/mlp-sgd-20-blake3': {
    jobId: 'conformance-mlp-blake3',
    jobSeed: '33'.repeat(32),
    spec: { ...MLP_SPEC, stateHash: 'blake3' },
  },
} as const;

/**
 * Runs one mini-training job and returns its root and final hash as bytes.
 * @param name - a key of {@link MINI_TRAINING_JOBS}
 * @param hashes - the state-hash implementations under test (@noble/hashes' where absent)
 */
export function runMiniTraining(name: keyof typeof MINI_TRAINING_JOBS, hashes?: StateHashes): Uint8Array {
  const job = parseTrainingJob(MINI_TRAINING_JOBS[name]);
  const trainer = createTrainer(job, generateDataset({ spec: job.spec.dataset, split: 'train' }), { hashes });
  const run = train(trainer);
  return utf8ToBytes(`${run.root}:${run.stepHashes[run.stepHashes.length - 1]}:${run.stepHashes.length}`);
}
