import type { TransitionOpeningWire } from '@tensorgrid/protocol';
import { encodeTrainingState } from '@tensorgrid/tensor';
import type { ChallengeOpening } from '@tensorgrid/verification';

/**
 * A transition opening on the wire, as `PUT /v1/jobs/:id/openings/:step` takes it: the state
 * in base64 (`encodeTrainingState` bytes), hashes and proofs hex without 0x.
 * @param opening - the opening of transition t → t+1
 */
export function toOpeningWire(opening: ChallengeOpening): TransitionOpeningWire {
  const hex = (h: string) => h.replace(/^0x/, '');
  return {
    state: Buffer.from(encodeTrainingState(opening.state)).toString('base64'),
    hash: hex(opening.hash),
    proof: opening.proof.map(hex),
    nextHash: hex(opening.nextHash),
    nextProof: opening.nextProof.map(hex),
  };
}
