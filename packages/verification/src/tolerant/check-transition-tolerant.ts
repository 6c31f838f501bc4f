import { verifyMerkleProof } from '@tensorgrid/domain';
import { learningRate, tolerantDistance, type Trainer } from '@tensorgrid/tensor';
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
 * scale-free ε of `tolerantDistance`. The commitments still bind exactly: both proofs must
 * verify and both opened states must hash to their leaves. Throws VALIDATION_FAILED only for
 * a state of the wrong shape.
 * @param trainer - the verifier's canonical trainer
 * @param opening - the solver's opening, with `nextState`
 * @param options - τ, the job class's published tolerance
 */
export function checkTransitionTolerant(trainer: Trainer, opening: ChallengeOpening, options: { tau: number }): TolerantVerdict {
  trainer.checkState(opening.state);
  const t = opening.state.step;
  if (t >= trainer.totalSteps || opening.leafCount !== trainer.totalSteps + 1) return { kind: 'bad-proof', step: t };
  const leaf = (hash: string, proof: readonly string[], index: number): boolean => verifyMerkleProof({ root: opening.root, leaf: hash, index, proof, leafCount: opening.leafCount }, trainer.digest);
  if (!leaf(opening.hash, opening.proof, t) || !leaf(opening.nextHash, opening.nextProof, t + 1)) return { kind: 'bad-proof', step: t };
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
