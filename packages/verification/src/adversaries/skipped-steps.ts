import { createTrainer, type Dataset, type Trainer, type TrainingState } from '@tensorgrid/tensor';
import type { SolverPublication } from '../prover/solver-publication';
import { adversaryRng, drawDistinct, fabricateStates, publishStates } from './fabricate-states';

/**
 * How a skipped step is faked:
 * - `no-op`: W_{t+1} = W_t (nothing computed);
 * - `interpolation`: W_{t+1} = W_t + (W_t − W_{t−1}), the last update extrapolated;
 * - `double-lr`: step t is skipped (no-op) and the next real step runs at twice the learning
 *   rate to make up for it (so that next transition is wrong too, unless it is skipped).
 */
export type SkipVariant = 'no-op' | 'interpolation' | 'double-lr';

/** Options of {@link skippedStepsCheater}. */
export interface SkippedStepsOptions {
  trainer: Trainer;
  /** The training split (for the double-LR trainer). */
  dataset: Dataset;
  /** f: the fraction of the T transitions faked (⌈f·T⌉ of them, at least 1). */
  fraction: number;
  variant: SkipVariant;
  /** The cheater's randomness: which steps it skips. */
  seed: string;
}

/**
 * C1, skipped steps (test/benchmark support): fakes ⌈f·T⌉ uniformly chosen transitions and
 * computes the rest honestly from its own states. Caught when sampling hits a faked
 * transition: P ≈ 1 − (1 − f)^q (plus the fixed first/last/epoch-boundary checks).
 * @param options - trainer, dataset, f, variant and seed
 */
export function skippedStepsCheater(options: SkippedStepsOptions): SolverPublication & { fakeSteps: number[]; stepHashes: string[] } {
  const { trainer, fraction, variant } = options;
  const T = trainer.totalSteps;
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  const fakeSteps = drawDistinct(adversaryRng(options.seed, 'skip'), { n: T, k: Math.max(1, Math.ceil(fraction * T)) });
  const fake = new Set(fakeSteps);
  const double = variant === 'double-lr' ? createTrainer({ ...trainer.job, spec: { ...trainer.job.spec, lr: 2 * trainer.job.spec.lr } }, options.dataset) : undefined;
  let previous: TrainingState | undefined;
  const states = fabricateStates(trainer, (state, t) => {
    const before = previous;
    previous = state;
    if (!fake.has(t)) return (double && fake.has(t - 1) ? double : trainer).step(state);
    if (variant !== 'interpolation' || !before) return state;
    const params = state.params.map((w, i) => Math.fround(w + (w - before.params[i]!)));
    return { step: t + 1, params, slots: state.slots.map((s) => s.slice()) };
  });
  return { ...publishStates(trainer, states), fakeSteps };
}
