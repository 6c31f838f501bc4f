import { learningRate, openedLeavesCommitted, tolerantDistance, type Trainer } from '@tensorgrid/tensor';
import type { ChallengeOpening } from '../prover/solver-publication';

export type TolerantVerdict =
  | { kind: 'valid'; epsilon: number }
  | { kind: 'bad-proof'; step: number }
  | { kind: 'state-mismatch'; step: number; which: 'before' | 'after' }
  | { kind: 'over-tolerance'; step: number; epsilon: number; tau: number };

/**
 * Tolerant mode's one-step check (research/verification.md §6.6), teacher-forced: the
 * verifier starts from the solver's own committed W_t (so error never accumulates), runs one
 * canonical step on batch_t and compares the result with the committed W_{t+1} by the
 * scale-free ε of `tolerantDistance`. The commitments still bind exactly: both hashes must
 * be committed leaves (by proof, or against checked published leaves) and both opened states
 * must hash to them. Throws VALIDATION_FAILED only for
 * a state of the wrong shape.
 * @param trainer - the verifier's canonical trainer
 * @param opening - the solver's opening, with `nextState`
 * @param options - τ, the job class's published tolerance, and the published leaves if checked (see `openedLeavesCommitted`)
 */
export function checkTransitionTolerant(trainer: Trainer, opening: ChallengeOpening, options: { tau: number; leaves?: readonly string[] }): TolerantVerdict {
  trainer.checkState(opening.state);
  const t = opening.state.step;
  if (t >= trainer.totalSteps || opening.leafCount !== trainer.totalSteps + 1) return { kind: 'bad-proof', step: t };
  if (!openedLeavesCommitted(trainer, opening, options.leaves)) return { kind: 'bad-proof', step: t };
  if (trainer.hash(opening.state) !== opening.hash) return { kind: 'state-mismatch', step: t, which: 'before' };
  const committed = opening.nextState;
  if (!committed || committed.step !== t + 1) return { kind: 'state-mismatch', step: t, which: 'after' };
  trainer.checkState(committed);
  if (trainer.hash(committed) !== opening.nextHash) return { kind: 'state-mismatch', step: t, which: 'after' };
  const lr = learningRate(trainer.job.spec.schedule, trainer.job.spec.lr, { t, totalSteps: trainer.totalSteps });
  const { epsilon } = tolerantDistance({ before: opening.state, committed, replayed: trainer.step(opening.state) }, lr);
  // NaN (a NaN weight) is never within tolerance.
  return epsilon <= options.tau ? { kind: 'valid', epsilon } : { kind: 'over-tolerance', step: t, epsilon, tau: options.tau };
}
