import { buildMerkleTree, merkleRootHex, type MerkleTree } from '@tensorgrid/domain';
import { hexToBytes } from '@noble/hashes/utils';
import type { Trainer } from './trainer';
import { cloneState, type TrainingState } from './training-state';

/** research/verification.md §6.13: a full checkpoint every 50 steps. */
export const DEFAULT_CHECKPOINT_EVERY = 50;

export interface TrainOptions {
  /** K: keep a full state every K steps (and the last). */
  checkpointEvery?: number;
  /** Called after every step with its hash and the batch loss (progress, logs). */
  onStep?: (info: { step: number; hash: string; loss: number }) => void;
}

/** What an honest solver keeps after a run. */
export interface TrainRun {
  /** Merkle root (hex) over h_0 … h_T: the solver's commitment R. */
  root: string;
  /** h_t for t = 0 … T, hex. Leaf t of the tree is h_t. */
  stepHashes: string[];
  tree: MerkleTree;
  checkpointEvery: number;
  /** Full states at steps 0, K, 2K, … and T. */
  checkpoints: Map<number, TrainingState>;
  finalState: TrainingState;
  /** Batch loss of each step 0 … T−1. */
  losses: Float32Array;
}

/**
 * Runs all T canonical steps from W₀, hashing every state and committing to the Merkle
 * root of (h_0 … h_T), the domain's binary SHA-256 tree with ordered pairs.
 * @param trainer - the job's trainer
 * @param options - checkpoint interval and progress callback
 */
export function train(trainer: Trainer, options: TrainOptions = {}): TrainRun {
  const K = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  if (!Number.isSafeInteger(K) || K < 1) throw new RangeError(`checkpointEvery must be a positive integer, got ${K}`);
  const T = trainer.totalSteps;
  let state = trainer.initialState();
  const stepHashes = [trainer.hash(state)];
  const checkpoints = new Map<number, TrainingState>([[0, cloneState(state)]]);
  const losses = new Float32Array(T);
  for (let t = 0; t < T; t++) {
    const out = trainer.stepOnBatch(state, trainer.batchAt(t));
    state = out.state;
    losses[t] = out.loss;
    const hash = trainer.hash(state);
    stepHashes.push(hash);
    if (state.step % K === 0 || state.step === T) checkpoints.set(state.step, cloneState(state));
    options.onStep?.({ step: state.step, hash, loss: out.loss });
  }
  const tree = buildMerkleTree(stepHashes.map((h) => hexToBytes(h)), trainer.digest);
  return { root: merkleRootHex(tree), stepHashes, tree, checkpointEvery: K, checkpoints, finalState: state, losses };
}

/**
 * The solver's answer to a challenge at step t: the state recomputed from the nearest
 * checkpoint at or before t (at most K − 1 steps of its own time).
 * @param trainer - the job's trainer
 * @param run - the solver's run
 * @param t - 0 ≤ t ≤ T
 */
export function stateAt(trainer: Trainer, run: Pick<TrainRun, 'checkpoints' | 'checkpointEvery'>, t: number): TrainingState {
  if (!Number.isSafeInteger(t) || t < 0 || t > trainer.totalSteps) throw new RangeError(`no step ${t}`);
  let from = Math.floor(t / run.checkpointEvery) * run.checkpointEvery;
  while (from > 0 && !run.checkpoints.has(from)) from -= run.checkpointEvery;
  let state = run.checkpoints.get(from) ?? trainer.initialState();
  while (state.step < t) state = trainer.step(state);
  return state;
}
