import {
  createTrainer, lanesReduction, learningRate, reversedReduction, shuffledReduction, tolerantDistance,
  type Dataset, type Reduction, type TrainingJob, type TrainingState,
} from '@tensorgrid/tensor';

/** §6.13: τ = 10 × the largest honest ε seen in profiling. */
export const DEFAULT_TOLERANCE_FACTOR = 10;

/** A named non-canonical summation order standing in for an honest but different kernel. */
export interface NoiseSetting {
  name: string;
  reduction: Reduction;
}

/**
 * The default profiling settings: reversed, 4 lanes, and three shuffled seeds (§6.12 H1).
 * Fresh instances each call (lanes and shuffles keep internal state).
 */
export function defaultNoiseSettings(): NoiseSetting[] {
  return [
    { name: 'reversed', reduction: reversedReduction },
    { name: 'lanes4', reduction: lanesReduction(4) },
    { name: 'shuffled-1', reduction: shuffledReduction(1) },
    { name: 'shuffled-2', reduction: shuffledReduction(2) },
    { name: 'shuffled-3', reduction: shuffledReduction(3) },
  ];
}

/** What profiling runs on. */
export interface CalibrationInput {
  job: TrainingJob;
  /** The job's training split. */
  dataset: Dataset;
  /** Sampled canonical states W_t (t < T) to step from: the identical inputs of every setting. */
  states: readonly TrainingState[];
  settings?: NoiseSetting[];
  /** c in τ = c · max ε (default 10). */
  factor?: number;
}

/** The profile of one job class. */
export interface ToleranceCalibration {
  tau: number;
  maxEpsilon: number;
  /** ε of every (state, setting) pair, in input order, setting-major. */
  epsilons: number[];
  perSetting: { name: string; maxEpsilon: number }[];
}

/**
 * Tolerant mode's profiling (research/verification.md §6.6): from each sampled state, one
 * canonical step (the committed W_{t+1} of an honest canonical solver) against one step under
 * each non-canonical summation order with identical inputs; ε by `tolerantDistance`;
 * τ = c × max ε. Publish τ with the job class; anyone can dispute it by re-profiling.
 * @param input - job, dataset, sampled states, settings and c
 */
export function calibrateTolerance(input: CalibrationInput): ToleranceCalibration {
  const factor = input.factor ?? DEFAULT_TOLERANCE_FACTOR;
  if (!(factor >= 1)) throw new RangeError(`factor must be ≥ 1, got ${factor}`);
  if (input.states.length === 0) throw new RangeError('calibration needs at least one state');
  const canonical = createTrainer(input.job, input.dataset);
  const committed = input.states.map((s) => canonical.step(s));
  const epsilons: number[] = [];
  const perSetting = (input.settings ?? defaultNoiseSettings()).map(({ name, reduction }) => {
    const noisy = createTrainer(input.job, input.dataset, { reduction });
    let max = 0;
    input.states.forEach((before, i) => {
      const lr = learningRate(input.job.spec.schedule, input.job.spec.lr, { t: before.step, totalSteps: canonical.totalSteps });
      const { epsilon } = tolerantDistance({ before, committed: committed[i]!, replayed: noisy.step(before) }, lr);
      epsilons.push(epsilon);
      max = Math.max(max, epsilon);
    });
    return { name, maxEpsilon: max };
  });
  const maxEpsilon = Math.max(...perSetting.map((s) => s.maxEpsilon));
  return { tau: factor * maxEpsilon, maxEpsilon, epsilons, perSetting };
}
