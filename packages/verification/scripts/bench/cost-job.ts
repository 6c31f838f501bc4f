import { parseTrainingJob, type StateHashAlgorithm, type Trainer, type TrainingJob, type TrainRun } from '@tensorgrid/tensor';
import { challengeSeed, openState, openTransition, sampleChallengeSteps, verifyCommitment, type ChallengeOpening, type SolverPublication, type StateOpening } from '../../src/index';

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
