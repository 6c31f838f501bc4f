import { parseTrainingJob, type StateHashAlgorithm, type Trainer, type TrainingJob, type TrainRun } from '@tensorgrid/tensor';
import { challengeSeed, openState, openTransition, sampleChallengeSteps, verifyCommitment, type ChallengeOpening, type SolverPublication, type StateOpening } from '../../src/index';

/** Solver runs (each followed by 10 verifications) of a job measured in a process of its own. */
export const OWN_PROCESS_ROUNDS = 3;

/** The bench's verification beacon (any fixed value: the challenge depends on it and the root). */
export const COST_BEACON = '9e'.repeat(32);

/** The models `bench:verifier-cost` measures: a dense net whose state hash is a large share of its step, and a convolutional one whose is not. */
export type CostModel = 'mlp' | 'cnn';

const COST_MODELS = {
  mlp: {
    model: { input: [64], layers: [{ type: 'dense', units: 96, activation: 'relu' }, { type: 'dense', units: 32, activation: 'relu' }, { type: 'dense', units: 10 }] },
    dataset: { kind: 'gaussian-mixture', seed: 'verifier-cost', classes: 10, dim: 64, size: 16_000, spread: 1 },
    batchSize: 32,
    lr: { sgd: 0.05, adam: 0.002 },
  },
  cnn: {
    model: { input: [1, 12, 12], layers: [{ type: 'conv2d', filters: 6, kernel: 3, activation: 'relu' }, { type: 'conv2d', filters: 8, kernel: 3, activation: 'relu' }, { type: 'flatten' }, { type: 'dense', units: 4 }] },
    dataset: { kind: 'shapes', seed: 'verifier-cost', classes: 4, side: 12, size: 8_000, noise: 0.3 },
    batchSize: 16,
    lr: { sgd: 0.02, adam: 0.005 },
  },
} as const;

/**
 * A job `bench:verifier-cost` measures, 500 steps an epoch, T steps:
 * - `mlp`: a 64-96-32-10 MLP (9,674 parameters) on a seed-drawn 16,000-row mixture, batch 32;
 * - `cnn`: conv 6 and conv 8 (3×3) then dense 4 (2,552 parameters) on 8,000 seed-drawn
 *   12×12 shape images, batch 16: a step of about three times the MLP's CPU over a quarter of its state.
 * @param optimizer - SGD with momentum or Adam
 * @param T - steps (a multiple of 500)
 * @param options - the state hash (default SHA-256) and the model (default the MLP)
 */
export function costJob(optimizer: 'sgd' | 'adam', T: number, options: { stateHash?: StateHashAlgorithm; model?: CostModel } = {}): TrainingJob {
  const { stateHash = 'sha256', model = 'mlp' } = options;
  const m = COST_MODELS[model];
  return parseTrainingJob({
    jobId: model === 'mlp' ? `cost-${optimizer}-${T}` : `cost-${model}-${optimizer}-${T}`,
    jobSeed: '3c'.repeat(32),
    spec: {
      version: 1,
      model: m.model,
      dataset: m.dataset,
      optimizer: optimizer === 'sgd' ? { kind: 'sgd', momentum: 0.9 } : { kind: 'adam' },
      schedule: { kind: 'cosine', warmupSteps: 20 },
      lr: m.lr[optimizer],
      batchSize: m.batchSize,
      epochs: T / 500,
      stateHash,
    },
  });
}

/** The node's published step hashes and its answers to the challenge the beacon draws. */
export interface PreparedAnswers {
  stepHashes: string[];
  steps: number[];
  answers: Map<number, ChallengeOpening>;
  finalOpening: StateOpening;
}

/**
 * The solver's answers, prepared before the verifier runs (their cost is the solver's).
 * @param solver - the solver's trainer
 * @param run - its run
 */
export function prepareAnswers(solver: Trainer, run: TrainRun): PreparedAnswers {
  const steps = sampleChallengeSteps({ seed: challengeSeed(COST_BEACON, run.root), totalSteps: run.stepHashes.length - 1, stepsPerEpoch: solver.stepsPerEpoch });
  return { stepHashes: run.stepHashes, steps, answers: new Map(steps.map((t) => [t, openTransition(solver, run, t)])), finalOpening: openState(solver, run) };
}

/**
 * As the verifier agent does: check the published step hashes against the root (they then
 * stand in for the proofs), replay the challenge.
 * @param verifier - the verifier's trainer
 * @param pub - the node's publication
 * @param prepared - its answers
 */
export function verifyAsAgent(verifier: Trainer, pub: SolverPublication, prepared: PreparedAnswers): ReturnType<typeof verifyCommitment> {
  return verifyCommitment({ trainer: verifier, commitment: pub, beacon: COST_BEACON, open: (t) => prepared.answers.get(t), openFinal: () => prepared.finalOpening, leaves: { hashes: prepared.stepHashes } });
}
