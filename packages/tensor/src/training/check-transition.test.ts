import { hexToBytes } from '@noble/hashes/utils';
import { buildMerkleTree, merkleProof, merkleRootHex, verifyMerkleProof } from '@tensorgrid/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlpJobInput, trainerFor } from '../../test/jobs';
import { checkTransition, replayStep, type TransitionOpening } from './check-transition';
import { stateAt, train, type TrainRun } from './train';
import type { Trainer } from './trainer';
import { cloneState } from './training-state';

let trainer: Trainer;
let run: TrainRun;

beforeAll(() => {
  trainer = trainerFor(mlpJobInput({ epochs: 1, size: 256 })).trainer; // T = 8
  run = train(trainer, { checkpointEvery: 3 });
});

function opening(t: number, overrides: Partial<TransitionOpening> = {}): TransitionOpening {
  return {
    root: run.root,
    leafCount: run.stepHashes.length,
    state: stateAt(trainer, run, t),
    hash: run.stepHashes[t]!,
    proof: merkleProof(run.tree, t),
    nextHash: run.stepHashes[t + 1]!,
    nextProof: merkleProof(run.tree, t + 1),
    ...overrides,
  };
}

describe('commitments', () => {
  it('keeps checkpoints every K steps and the last, and a proof for every step hash', () => {
    expect([...run.checkpoints.keys()]).toEqual([0, 3, 6, 8]);
    run.stepHashes.forEach((leaf, index) => {
      const proof = merkleProof(run.tree, index);
      expect(verifyMerkleProof({ root: run.root, leaf, index, proof, leafCount: run.stepHashes.length })).toBe(true);
      // Another position, or one flipped bit in the leaf or the proof, fails.
      expect(verifyMerkleProof({ root: run.root, leaf, index: (index + 1) % run.stepHashes.length, proof, leafCount: run.stepHashes.length })).toBe(false);
      const flipped = (parseInt(leaf[0]!, 16) ^ 1).toString(16) + leaf.slice(1);
      expect(verifyMerkleProof({ root: run.root, leaf: flipped, index, proof, leafCount: run.stepHashes.length })).toBe(false);
      const badProof = [...proof];
      badProof[0] = proof[0]!.slice(0, 63) + (parseInt(proof[0]![63]!, 16) ^ 8).toString(16);
      expect(verifyMerkleProof({ root: run.root, leaf, index, proof: badProof, leafCount: run.stepHashes.length })).toBe(false);
    });
  });

  it('replays any step from a checkpoint to the committed next hash', () => {
    for (let t = 0; t < trainer.totalSteps; t++) {
      const state = stateAt(trainer, run, t);
      expect(trainer.hash(state)).toBe(run.stepHashes[t]);
      expect(replayStep(trainer, state).hash).toBe(run.stepHashes[t + 1]);
    }
    expect(trainer.hash(stateAt(trainer, run, trainer.totalSteps))).toBe(run.stepHashes[trainer.totalSteps]);
  });
});

describe('checkTransition (one-step proof)', () => {
  it('accepts every honest transition', () => {
    for (let t = 0; t < trainer.totalSteps; t++) expect(checkTransition(trainer, opening(t))).toEqual({ kind: 'valid' });
  });

  it('catches a state with one flipped bit in the weights or the optimizer state', () => {
    const tampered = cloneState(stateAt(trainer, run, 4));
    new Uint32Array(tampered.params.buffer)[17]! ^= 1;
    expect(checkTransition(trainer, opening(4, { state: tampered })).kind).toBe('state-mismatch');
    const tamperedSlot = cloneState(stateAt(trainer, run, 4));
    new Uint32Array(tamperedSlot.slots[0]!.buffer)[3]! ^= 1 << 30;
    expect(checkTransition(trainer, opening(4, { state: tamperedSlot })).kind).toBe('state-mismatch');
  });

  it('catches a leaf that is not in the tree, a proof for another step and a wrong leaf count', () => {
    expect(checkTransition(trainer, opening(4, { nextHash: run.stepHashes[4]! })).kind).toBe('bad-proof');
    expect(checkTransition(trainer, opening(4, { nextProof: merkleProof(run.tree, 6) })).kind).toBe('bad-proof');
    expect(checkTransition(trainer, opening(4, { leafCount: 8 })).kind).toBe('bad-proof');
  });

  it('takes checked published leaves in place of the proofs: the opened hashes must equal leaves t and t + 1', () => {
    const unproven = opening(4, { proof: [], nextProof: [] });
    expect(checkTransition(trainer, unproven).kind).toBe('bad-proof');
    expect(checkTransition(trainer, unproven, run.stepHashes)).toEqual({ kind: 'valid' });
    expect(checkTransition(trainer, opening(4, { nextHash: run.stepHashes[6]! }), run.stepHashes).kind).toBe('bad-proof');
    expect(checkTransition(trainer, opening(4), run.stepHashes.map((x, i) => (i === 4 ? run.stepHashes[3]! : x))).kind).toBe('bad-proof');
  });

  it('returns wrong-transition for a skipped step (no-op) committed in the solver\'s own tree', () => {
    const leaves = [...run.stepHashes];
    leaves[5] = leaves[4]!; // the solver claims W_5 = W_4
    expect(checkTransition(trainer, { ...opening(4), ...treeOpening(leaves, 4) })).toMatchObject({ kind: 'wrong-transition', step: 4, computed: run.stepHashes[5], committed: run.stepHashes[4] });
  });

  it('returns wrong-transition for a step on batches of another seed (fabricated data order)', () => {
    const other = trainerFor(mlpJobInput({ epochs: 1, size: 256, jobSeed: 'ee'.repeat(32) })).trainer;
    const leaves = [...run.stepHashes];
    leaves[3] = trainer.hash(other.step(stateAt(trainer, run, 2)));
    expect(leaves[3]).not.toBe(run.stepHashes[3]);
    expect(checkTransition(trainer, { ...opening(2), ...treeOpening(leaves, 2) })).toMatchObject({ kind: 'wrong-transition', step: 2, committed: leaves[3] });
  });

  it('refuses a state of the wrong shape with VALIDATION_FAILED', () => {
    const bad = { ...stateAt(trainer, run, 1), slots: [] };
    expect(() => checkTransition(trainer, opening(1, { state: bad }))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

/** The root and openings of a (cheater's) tree over `leaves` for transition t → t+1. */
function treeOpening(leaves: string[], t: number): Partial<TransitionOpening> {
  const tree = buildMerkleTree(leaves.map((h) => hexToBytes(h)));
  return { root: merkleRootHex(tree), hash: leaves[t]!, proof: merkleProof(tree, t), nextHash: leaves[t + 1]!, nextProof: merkleProof(tree, t + 1) };
}
