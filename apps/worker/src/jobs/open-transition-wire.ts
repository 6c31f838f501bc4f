import type { MerkleTree } from '@tensorgrid/domain';
import type { TransitionOpeningWire } from '@tensorgrid/protocol';
import { encodeTrainingState, type Trainer } from '@tensorgrid/tensor';
import { openTransition } from '@tensorgrid/verification';
import type { StoredRun } from './run-store';

/**
 * The node's answer to a challenged transition t → t+1, on the wire: the verification
 * package's prover ({@link openTransition}: W_t recomputed from the nearest checkpoint and the
 * Merkle proofs of h_t and h_{t+1}), encoded as the coordinator takes it (state in base64,
 * hashes hex without 0x).
 * @param solver - the job's canonical trainer, the stored run and the Merkle tree over its step hashes
 * @param t - 0 ≤ t < T
 * @throws RangeError when t is no transition of the run
 */
export function openTransitionWire(solver: { trainer: Trainer; run: StoredRun; tree: MerkleTree }, t: number): TransitionOpeningWire {
  const { trainer, run, tree } = solver;
  const opening = openTransition(trainer, { ...run, tree }, t);
  const hex = (h: string) => h.replace(/^0x/, '');
  return {
    state: Buffer.from(encodeTrainingState(opening.state)).toString('base64'),
    hash: hex(opening.hash),
    proof: opening.proof.map(hex),
    nextHash: hex(opening.nextHash),
    nextProof: opening.nextProof.map(hex),
  };
}
