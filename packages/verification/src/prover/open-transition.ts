import { merkleProof } from '@tensorgrid/domain';
import { stateAt, type Trainer, type TrainRun } from '@tensorgrid/tensor';
import type { ChallengeOpening, StateOpening } from './solver-publication';

/** The parts of an honest run a solver keeps to answer challenges. */
export type KeptRun = Pick<TrainRun, 'root' | 'stepHashes' | 'tree' | 'checkpoints' | 'checkpointEvery'>;

/**
 * The solver's answer to a challenge at t (§6.5.3): W_t recomputed from the nearest
 * checkpoint (at most K − 1 steps of its own time), W_{t+1} (a kept checkpoint, else one more step; for tolerant
 * mode) and the Merkle proofs of h_t and h_{t+1}.
 * @param trainer - the solver's trainer
 * @param run - the solver's kept run
 * @param t - 0 ≤ t < T
 */
export function openTransition(trainer: Trainer, run: KeptRun, t: number): ChallengeOpening {
  if (!Number.isSafeInteger(t) || t < 0 || t >= trainer.totalSteps) throw new RangeError(`no transition ${t} in a job of ${trainer.totalSteps} steps`);
  const state = stateAt(trainer, run, t);
  return {
    root: run.root,
    leafCount: run.stepHashes.length,
    state,
    hash: run.stepHashes[t]!,
    proof: merkleProof(run.tree, t),
    nextHash: run.stepHashes[t + 1]!,
    nextProof: merkleProof(run.tree, t + 1),
    nextState: run.checkpoints.get(t + 1) ?? trainer.step(state),
  };
}

/**
 * The opening of a committed state, by default the final one (leaf T) for the held-out check.
 * @param trainer - the solver's trainer
 * @param run - the solver's kept run
 * @param t - the leaf; defaults to T
 */
export function openState(trainer: Trainer, run: KeptRun, t = trainer.totalSteps): StateOpening {
  return { root: run.root, leafCount: run.stepHashes.length, state: stateAt(trainer, run, t), hash: run.stepHashes[t]!, proof: merkleProof(run.tree, t) };
}
