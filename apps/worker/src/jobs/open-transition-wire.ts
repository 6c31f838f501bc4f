import { merkleProof, type MerkleTree } from '@tensorgrid/domain';
import type { TransitionOpeningWire } from '@tensorgrid/protocol';
import { encodeTrainingState, stateAt, type Trainer } from '@tensorgrid/tensor';
import type { StoredRun } from './run-store';

/**
 * The node's answer to a challenged transition t → t+1, on the wire: W_t recomputed from the
 * nearest checkpoint (at most K − 1 steps), and the Merkle proofs of h_t and h_{t+1}.
 * @param solver - the job's canonical trainer, the stored run and the Merkle tree over its step hashes
 * @param t - 0 ≤ t < T
 */
export function openTransitionWire(solver: { trainer: Trainer; run: StoredRun; tree: MerkleTree }, t: number): TransitionOpeningWire {
  const { trainer, run, tree } = solver;
  if (!Number.isSafeInteger(t) || t < 0 || t >= run.stepHashes.length - 1) throw new RangeError(`no transition ${t} in a run of ${run.stepHashes.length - 1} steps`);
  const state = stateAt(trainer, run, t);
  return {
    state: Buffer.from(encodeTrainingState(state)).toString('base64'),
    hash: run.stepHashes[t] as string,
    proof: merkleProof(tree, t),
    nextHash: run.stepHashes[t + 1] as string,
    nextProof: merkleProof(tree, t + 1),
  };
}
