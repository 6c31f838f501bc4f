import { verifyMerkleProof } from '@tensorgrid/domain';
import type { Trainer } from './trainer';
import type { TrainingState } from './training-state';

/**
 * One challenged transition t → t+1 as the solver opens it: the state W_t (with optimizer
 * slots), the two committed leaves and their Merkle proofs under the committed root.
 */
export interface TransitionOpening {
  root: string;
  /** T + 1: the number of committed leaves. */
  leafCount: number;
  state: TrainingState;
  hash: string;
  proof: readonly string[];
  nextHash: string;
  nextProof: readonly string[];
}

export type TransitionVerdict =
  | { kind: 'valid' }
  | { kind: 'bad-proof'; step: number }
  | { kind: 'state-mismatch'; step: number; computed: string }
  | { kind: 'wrong-transition'; step: number; computed: string; committed: string };

/**
 * Recomputes step t+1 from an opened state t (the verifier's and the referee's one-step
 * check, exact mode): both proofs must verify, the opened state must hash to the committed
 * h_t, and one canonical step on the PRF-drawn batch_t must hash to the committed h_{t+1}.
 * Throws VALIDATION_FAILED only for a state of the wrong shape.
 * @param trainer - the job's trainer (the verifier's own, over its own dataset)
 * @param opening - what the solver sent
 */
export function checkTransition(trainer: Trainer, opening: TransitionOpening): TransitionVerdict {
  trainer.checkState(opening.state);
  const t = opening.state.step;
  if (t >= trainer.totalSteps || opening.leafCount !== trainer.totalSteps + 1) return { kind: 'bad-proof', step: t };
  const leaf = (hash: string, proof: readonly string[], index: number): boolean => verifyMerkleProof({ root: opening.root, leaf: hash, index, proof, leafCount: opening.leafCount }, trainer.digest);
  if (!leaf(opening.hash, opening.proof, t) || !leaf(opening.nextHash, opening.nextProof, t + 1)) return { kind: 'bad-proof', step: t };
  const computed = trainer.hash(opening.state);
  if (computed !== opening.hash) return { kind: 'state-mismatch', step: t, computed };
  const next = trainer.hash(trainer.step(opening.state));
  return next === opening.nextHash ? { kind: 'valid' } : { kind: 'wrong-transition', step: t, computed: next, committed: opening.nextHash };
}

/**
 * Recomputes state t+1 and its hash from state t (replay of one step).
 * @param trainer - the job's trainer
 * @param state - state t (checked for shape)
 */
export function replayStep(trainer: Trainer, state: TrainingState): { state: TrainingState; hash: string } {
  const next = trainer.step(state);
  return { state: next, hash: trainer.hash(next) };
}
