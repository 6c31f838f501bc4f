import type { TransitionOpeningWire } from '@tensorgrid/protocol';
import { decodeTrainingState, replayStep, type Trainer, type TrainingState } from '@tensorgrid/tensor';
import type { ChallengeOpening, Commitment, StateOpening, VerificationMode } from '@tensorgrid/verification';

/** Decodes a base64 `encodeTrainingState` payload; undefined when it does not decode. */
function decodeState(base64: string): TrainingState | undefined {
  try {
    return decodeTrainingState(new Uint8Array(Buffer.from(base64, 'base64')));
  } catch {
    return undefined;
  }
}

/**
 * A node's opening from the wire as the verifier checks it: the state decoded from base64
 * (`encodeTrainingState` bytes), under the committed root and leaf count. An opening whose
 * state does not decode counts as not given (`withheld`): the node answered nothing usable.
 * A tolerant job's opening also carries the committed next state: one that does not decode is
 * dropped, so the tolerant check fails it as `state-mismatch`. In exact mode `nextState` is
 * not even decoded (it plays no part, and a node could pad its answers with it).
 * @param wire - the opening as `GET /v1/jobs/:id/openings/:step` serves it
 * @param job - the root on chain (hex, no 0x), T + 1, and the job's verification mode
 */
export function challengeOpeningFromWire(wire: TransitionOpeningWire, job: { commitment: Commitment; mode: VerificationMode }): ChallengeOpening | undefined {
  const state = decodeState(wire.state);
  if (!state) return undefined;
  const nextState = job.mode.kind === 'tolerant' && wire.nextState !== undefined ? decodeState(wire.nextState) : undefined;
  const { root, leafCount } = job.commitment;
  return { root, leafCount, state, hash: wire.hash, proof: wire.proof, nextHash: wire.nextHash, nextProof: wire.nextProof, ...(nextState ? { nextState } : {}) };
}

/**
 * The final model (leaf T) for the held-out check, built from the last transition's opening:
 * in exact mode W_T is W_{T−1} replayed one step; in tolerant mode (no bit-exact replay) it is
 * the committed W_T the opening carries as `nextState`. Either stands as leaf T with the
 * committed h_T and that opening's `nextProof`. `verifyCommitment` then checks h_T is leaf T (by
 * that proof, or against the checked published leaves) and that W_T hashes to h_T, so a node cannot pass a model it did not commit.
 * @param trainer - the verifier's trainer of the job
 * @param last - the opening of transition T − 1 → T, if the node gave it
 * @param mode - the job's verification mode (default exact)
 */
export function finalOpening(trainer: Trainer, last: ChallengeOpening | undefined, mode: VerificationMode = { kind: 'exact' }): StateOpening | undefined {
  if (!last || last.state.step !== trainer.totalSteps - 1) return undefined;
  try {
    trainer.checkState(last.state);
    const state = mode.kind === 'tolerant' ? last.nextState : replayStep(trainer, last.state).state;
    if (!state) return undefined;
    return { root: last.root, leafCount: last.leafCount, state, hash: last.nextHash, proof: last.nextProof };
  } catch {
    return undefined;
  }
}
