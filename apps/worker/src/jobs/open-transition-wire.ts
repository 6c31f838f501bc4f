import type { MerkleTree } from '@tensorgrid/domain';
import type { TransitionOpeningWire } from '@tensorgrid/protocol';
import type { Trainer } from '@tensorgrid/tensor';
import { openTransition, transitionOpeningWire } from '@tensorgrid/verification';
import type { StoredRun } from './run-store';

/**
 * The node's answer to a challenged transition t → t+1, on the wire: the verification
 * package's prover ({@link openTransition}: W_t recomputed from the nearest checkpoint and the
 * Merkle proofs of h_t and h_{t+1}), encoded as the coordinator takes it (states in base64,
 * hashes hex without 0x). For a tolerant job it adds the committed W_{t+1}, which the verifier
 * compares its own step with (it cannot replay it bit for bit).
 * @param solver - the job's trainer (with the kernel the run was trained with), the stored run and the Merkle tree over its step hashes
 * @param t - 0 ≤ t < T
 * @param options - `nextState`: include W_{t+1} (tolerant jobs)
 * @throws RangeError when t is no transition of the run
 */
export function openTransitionWire(solver: { trainer: Trainer; run: StoredRun; tree: MerkleTree }, t: number, options: { nextState?: boolean } = {}): TransitionOpeningWire {
  const { trainer, run, tree } = solver;
  return transitionOpeningWire(openTransition(trainer, { ...run, tree }, t), options);
}
