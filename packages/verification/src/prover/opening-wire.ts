import type { TransitionOpeningWire } from '@tensorgrid/protocol';
import { encodeTrainingState, type TrainingState } from '@tensorgrid/tensor';
import type { ChallengeOpening } from './solver-publication';

const base64 = (state: TrainingState): string => Buffer.from(encodeTrainingState(state)).toString('base64');
const hex = (h: string): string => h.replace(/^0x/, '');

/**
 * A transition opening on the wire, as `PUT /v1/jobs/:id/openings/:step` takes it: W_t in
 * base64 (`encodeTrainingState` bytes), hashes and proofs hex without 0x. For a tolerant job
 * it adds the committed W_{t+1}, which the verifier compares its own step with (it cannot
 * replay it bit for bit).
 * @param opening - the opening of transition t → t+1
 * @param options - `nextState`: include W_{t+1} (tolerant jobs), when the opening has it
 */
export function transitionOpeningWire(opening: ChallengeOpening, options: { nextState?: boolean } = {}): TransitionOpeningWire {
  return {
    state: base64(opening.state),
    hash: hex(opening.hash),
    proof: opening.proof.map(hex),
    nextHash: hex(opening.nextHash),
    nextProof: opening.nextProof.map(hex),
    ...(options.nextState && opening.nextState ? { nextState: base64(opening.nextState) } : {}),
  };
}
