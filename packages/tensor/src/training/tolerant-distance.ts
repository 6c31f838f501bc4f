import type { TrainingState } from './training-state';

/** How far a replayed step lands from the committed one, for tolerant mode (§6.6). */
export interface TolerantDistance {
  /** ε = ‖W′ − W_{t+1}‖₂ / max(‖W_{t+1} − W_t‖₂, ν): scale-free, compared with the job class's τ. */
  epsilon: number;
  /** max_i |W′_i − W_{t+1,i}| / lr_t: the worst coordinate in units of the step size. */
  linfOverLr: number;
  /** ν = √P · 2^-24 · median|W_{t+1}|, the float-resolution floor under the denominator. */
  floor: number;
}

/**
 * Teacher-forced one-step distance (research/verification.md §6.6): the verifier replays
 * from the solver's committed W_t, so error never accumulates, and divides by the size of
 * the committed step, floored at float32 resolution so tiny late updates do not inflate ε.
 * Computed in float64; it is never hashed, so its rounding does not matter.
 * @param states - the committed W_t and W_{t+1}, and the verifier's replay W′ of step t
 * @param lr - the step's learning rate (for the L∞ figure)
 */
export function tolerantDistance(states: { before: TrainingState; committed: TrainingState; replayed: TrainingState }, lr: number): TolerantDistance {
  const { before, committed, replayed } = states;
  const P = committed.params.length;
  if (before.params.length !== P || replayed.params.length !== P) throw new RangeError('the three states must have the same parameter count');
  let diff = 0;
  let step = 0;
  let linf = 0;
  for (let i = 0; i < P; i++) {
    const d = replayed.params[i]! - committed.params[i]!;
    const s = committed.params[i]! - before.params[i]!;
    diff += d * d;
    step += s * s;
    linf = Math.max(linf, Math.abs(d));
  }
  const magnitudes = Float64Array.from(committed.params, Math.abs).sort();
  const median = P === 0 ? 0 : P % 2 ? magnitudes[(P - 1) / 2]! : (magnitudes[P / 2 - 1]! + magnitudes[P / 2]!) / 2;
  const floor = Math.sqrt(P) * 2 ** -24 * median;
  const denominator = Math.max(Math.sqrt(step), floor);
  return { epsilon: denominator === 0 ? (diff === 0 ? 0 : Infinity) : Math.sqrt(diff) / denominator, linfOverLr: lr > 0 ? linf / lr : linf, floor };
}
