import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils';
import { buildMerkleTree, merkleProof, merkleRootHex, type MerkleTree } from '@tensorgrid/domain';
import { cloneState, createPrfStream, type PrfStream, type Trainer, type TrainingState } from '@tensorgrid/tensor';
import type { SolverPublication } from '../prover/solver-publication';

/**
 * Test and benchmark support (research/verification.md §6.10): the cheating solvers build
 * their states with these helpers and publish exactly what an honest solver would: a root,
 * T + 1 leaves and openings from their own (wrong) states.
 */

/**
 * Runs a solver's own step rule from `start` (default W_0) for T steps; state t+1 =
 * step(state t, t), relabelled to step t + 1. Returns all T + 1 states.
 * @param trainer - the job's trainer
 * @param step - the cheater's transition
 * @param start - the first state (default the seed-drawn W_0)
 */
export function fabricateStates(trainer: Trainer, step: (state: TrainingState, t: number) => TrainingState, start?: TrainingState): TrainingState[] {
  const states = [start ?? trainer.initialState()];
  for (let t = 0; t < trainer.totalSteps; t++) states.push(relabel(step(states[t]!, t), t + 1));
  return states;
}

/**
 * A copy of a state carrying another step number (what a cheater does to reuse a state).
 * @param state - any state
 * @param step - the step it claims to be
 */
export function relabel(state: TrainingState, step: number): TrainingState {
  const copy = cloneState(state);
  copy.step = step;
  return copy;
}

/** Options of {@link publishStates}. */
export interface PublishOptions {
  /** Leaves to commit instead of the states' own hashes (fabricated, never computed). */
  leafOverrides?: ReadonlyMap<number, string>;
  /** Hash the leaves with another function (e.g. another job's trainer). */
  hash?: (state: TrainingState) => string;
}

/**
 * The publication of states 0 … T as a solver would post it: leaves = hashes of the states
 * under the job's hash (or overrides), and openings of the states it holds.
 * @param trainer - the job's trainer (its hash binds job id and spec)
 * @param states - T + 1 states, state t labelled t
 * @param options - leaf overrides or another hash
 */
export function publishStates(trainer: Trainer, states: readonly TrainingState[], options: PublishOptions = {}): SolverPublication & { stepHashes: string[]; tree: MerkleTree } {
  const hash = options.hash ?? ((s: TrainingState) => trainer.hash(s));
  const stepHashes = states.map((s, t) => options.leafOverrides?.get(t) ?? hash(s));
  const tree = buildMerkleTree(stepHashes.map((h) => hexToBytes(h)), trainer.digest);
  const root = merkleRootHex(tree);
  const leafCount = stepHashes.length;
  return {
    root,
    leafCount,
    stepHashes,
    tree,
    open: (t) => ({ root, leafCount, state: states[t]!, hash: stepHashes[t]!, proof: merkleProof(tree, t), nextHash: stepHashes[t + 1]!, nextProof: merkleProof(tree, t + 1), nextState: states[t + 1]! }),
    openFinal: () => ({ root, leafCount, state: states[leafCount - 1]!, hash: stepHashes[leafCount - 1]!, proof: merkleProof(tree, leafCount - 1) }),
  };
}

/**
 * The cheater's private randomness (which steps to fake, random weights, …).
 * @param seed - any text
 * @param label - what the stream is for
 */
export function adversaryRng(seed: string, label: string): PrfStream {
  return createPrfStream({ seed: utf8ToBytes(seed), label: `adversary/${label}` });
}

/**
 * k distinct indices drawn uniformly from [0, n), sorted.
 * @param rng - the stream
 * @param pick - n and k
 */
export function drawDistinct(rng: PrfStream, pick: { n: number; k: number }): number[] {
  const chosen = new Set<number>();
  for (let j = pick.n - pick.k; j < pick.n; j++) {
    const r = rng.nextBelow(j + 1);
    chosen.add(chosen.has(r) ? j : r);
  }
  return [...chosen].sort((a, b) => a - b);
}
