import { merkleProof, type MerkleTree } from '@tensorgrid/domain';
import type { Trainer } from '@tensorgrid/tensor';
import type { ChallengeOpening, Commitment } from '../prover/solver-publication';

/** What a full audit of a committed run found. */
export type AuditResult =
  /** Every published hash is the canonical run's: the job is honest (in exact mode). */
  | { kind: 'consistent'; steps: number }
  /** h_0 is not the hash of the canonical W_0: the initialization is wrong. */
  | { kind: 'wrong-init' }
  /**
   * Transition t → t+1 is the first that lands off the published h_{t+1}: `opening` is the
   * auditor's own W_t (which hashes to the node's h_t) with the proofs of h_t and h_{t+1}.
   */
  | { kind: 'diverges'; step: number; opening: ChallengeOpening };

/** What {@link auditRun} needs. */
export interface AuditInput {
  /** The auditor's canonical trainer of the job. */
  trainer: Trainer;
  commitment: Commitment;
  /** The node's published leaves h_0 … h_T and their tree (see `stepHashTree`). */
  hashes: readonly string[];
  tree: MerkleTree;
  /** Called after each replayed step (progress output). */
  onStep?: (t: number, total: number) => void;
}

/**
 * Re-runs a verified job in full and compares every state hash with the node's published leaf
 * (research/verification.md §6.7.2): a whistleblower's audit, which finds a wrong transition
 * the sampled verification missed. Costs the whole training; exact mode only (a tolerant
 * node's hashes are of its own kernel's states).
 * @param input - trainer, commitment, published leaves and tree, progress callback
 */
export function auditRun(input: AuditInput): AuditResult {
  const { trainer, commitment, hashes, tree } = input;
  let state = trainer.initialState();
  if (trainer.hash(state) !== hashes[0]) return { kind: 'wrong-init' };
  for (let t = 0; t < trainer.totalSteps; t++) {
    const next = trainer.step(state);
    input.onStep?.(t + 1, trainer.totalSteps);
    if (trainer.hash(next) !== hashes[t + 1]) {
      return {
        kind: 'diverges',
        step: t,
        opening: {
          root: commitment.root, leafCount: commitment.leafCount, state, hash: hashes[t]!, proof: merkleProof(tree, t),
          nextHash: hashes[t + 1]!, nextProof: merkleProof(tree, t + 1),
        },
      };
    }
    state = next;
  }
  return { kind: 'consistent', steps: trainer.totalSteps };
}
