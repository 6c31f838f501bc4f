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

/** A hash the solver claims is committed leaf `index`, with its Merkle proof under `root`. */
export interface ClaimedLeaf {
  root: string;
  leafCount: number;
  index: number;
  hash: string;
  proof: readonly string[];
}

/**
 * Whether a claimed hash is the committed leaf: equal to entry `index` of `leaves` when given
 * (the node's published h_0 … h_T, which the caller has already checked against the committed
 * root), else by its Merkle proof.
 * @param trainer - the job's trainer (its tree digest)
 * @param claim - root, leaf count, index, hash and proof
 * @param leaves - the committed leaves, if the caller holds them checked
 */
export function isCommittedLeaf(trainer: Trainer, claim: ClaimedLeaf, leaves?: readonly string[]): boolean {
  if (leaves) return leaves[claim.index] === claim.hash;
  return verifyMerkleProof({ root: claim.root, leaf: claim.hash, index: claim.index, proof: claim.proof, leafCount: claim.leafCount }, trainer.digest);
}

/**
 * Whether the opening's two hashes are the committed leaves t and t+1 ({@link isCommittedLeaf}).
 * @param trainer - the job's trainer (its tree digest)
 * @param opening - what the solver sent
 * @param leaves - the committed leaves, if the caller holds them checked
 */
export function openedLeavesCommitted(trainer: Trainer, opening: TransitionOpening, leaves?: readonly string[]): boolean {
  const { root, leafCount } = opening;
  const t = opening.state.step;
  return isCommittedLeaf(trainer, { root, leafCount, index: t, hash: opening.hash, proof: opening.proof }, leaves) && isCommittedLeaf(trainer, { root, leafCount, index: t + 1, hash: opening.nextHash, proof: opening.nextProof }, leaves);
}

/**
 * Recomputes step t+1 from an opened state t (the verifier's and the referee's one-step
 * check, exact mode): both hashes must be committed leaves ({@link openedLeavesCommitted}),
 * the opened state must hash to the committed h_t, and one canonical step on the PRF-drawn
 * batch_t must hash to the committed h_{t+1}. Throws VALIDATION_FAILED only for a state of
 * the wrong shape.
 * @param trainer - the job's trainer (the verifier's own, over its own dataset)
 * @param opening - what the solver sent
 * @param leaves - the node's published leaves, checked against the root, standing in for the proofs; omit to check the proofs
 */
export function checkTransition(trainer: Trainer, opening: TransitionOpening, leaves?: readonly string[]): TransitionVerdict {
  trainer.checkState(opening.state);
  const t = opening.state.step;
  if (t >= trainer.totalSteps || opening.leafCount !== trainer.totalSteps + 1) return { kind: 'bad-proof', step: t };
  if (!openedLeavesCommitted(trainer, opening, leaves)) return { kind: 'bad-proof', step: t };
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
