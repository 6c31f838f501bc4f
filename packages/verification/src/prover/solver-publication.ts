import type { TrainingState, TransitionOpening } from '@tensorgrid/tensor';

/** The commitment a solver posts: the Merkle root R over h_0 … h_T and the leaf count T + 1. */
export interface Commitment {
  root: string;
  leafCount: number;
}

/**
 * A transition opening as the verifier receives it. `nextState` (W_{t+1}) is needed only in
 * tolerant mode, where the verifier compares its replay with the committed next state.
 */
export type ChallengeOpening = TransitionOpening & { nextState?: TrainingState };

/** The opening of one committed state (leaf `state.step`), e.g. the final model (leaf T). */
export interface StateOpening {
  root: string;
  leafCount: number;
  state: TrainingState;
  hash: string;
  proof: readonly string[];
}

/**
 * What a solver publishes and answers, as the verifier's port: the commitment, and its
 * answers to challenges. `undefined` means the solver withheld the answer (timed out).
 */
export interface SolverPublication extends Commitment {
  /** The opening of transition t → t+1. */
  open(t: number): ChallengeOpening | undefined;
  /** The opening of the final state (leaf T), for the held-out check. */
  openFinal(): StateOpening | undefined;
}
