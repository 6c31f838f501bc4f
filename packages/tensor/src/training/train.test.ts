import { blake3 } from '@noble/hashes/blake3';
import { hexToBytes } from '@noble/hashes/utils';
import { buildMerkleTree, merkleRootHex } from '@tensorgrid/domain';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../data/generate-dataset';
import { cnnJobInput, mlpJobInput, trainerFor } from '../../test/jobs';
import { evaluate } from './evaluate';
import { stateHash } from './state-hash';
import { train } from './train';
import { createTrainer } from './trainer';
import { trainStep } from './train-step';
import type { TrainingState } from './training-state';

function mean(v: Float32Array, from: number, to: number): number {
  return v.subarray(from, to).reduce((s, x) => s + x, 0) / (to - from);
}

describe('train (determinism)', () => {
  it('gives the same step hashes and root on a rerun, and different ones for another job id, seed or spec', () => {
    const a = train(trainerFor(mlpJobInput({ epochs: 1 })).trainer);
    const seen: { step: number; hash: string }[] = [];
    const again = train(trainerFor(mlpJobInput({ epochs: 1 })).trainer, { onStep: ({ step, hash }) => seen.push({ step, hash }) });
    expect(seen).toEqual(a.stepHashes.slice(1).map((hash, i) => ({ step: i + 1, hash })));
    expect(again.stepHashes).toEqual(a.stepHashes);
    expect(again.root).toBe(a.root);
    expect(a.stepHashes).toHaveLength(16 + 1);
    expect(new Set(a.stepHashes).size).toBe(17);

    const otherId = train(trainerFor(mlpJobInput({ epochs: 1, jobId: 'job-other' })).trainer);
    const otherSeed = train(trainerFor(mlpJobInput({ epochs: 1, jobSeed: 'ac'.repeat(32) })).trainer);
    const otherLr = train(trainerFor(mlpJobInput({ epochs: 1, lr: 0.051 })).trainer);
    for (const other of [otherId, otherSeed, otherLr]) {
      expect(other.root).not.toBe(a.root);
      other.stepHashes.forEach((h, t) => expect(h).not.toBe(a.stepHashes[t])); // h_0 included
    }
    // Same job id and seed, other spec: same W₀, so only the spec hash separates h_0.
    expect(otherLr.checkpoints.get(0)!.params).toEqual(a.checkpoints.get(0)!.params);
  });

  it('a spec naming BLAKE3 hashes the same states with BLAKE3, in its leaves and its Merkle tree; no stateHash is SHA-256', () => {
    const sha = train(trainerFor(mlpJobInput({ epochs: 1 })).trainer);
    expect(train(trainerFor(mlpJobInput({ epochs: 1, stateHash: 'sha256' })).trainer).stepHashes).not.toEqual(sha.stepHashes); // the spec hash differs
    const { trainer } = trainerFor(mlpJobInput({ epochs: 1, stateHash: 'blake3' }));
    const run = train(trainer);
    // The hash does not touch training: same weights at T, other commitments.
    expect(run.finalState.params).toEqual(sha.finalState.params);
    const state = run.checkpoints.get(0)!;
    expect(trainer.hash(state)).toBe(stateHash({ jobId: trainer.job.jobId, specHash: trainer.specHash, hash: () => blake3.create() }, state));
    expect(trainer.hash(state)).not.toBe(stateHash({ jobId: trainer.job.jobId, specHash: trainer.specHash }, state));
    expect(run.root).toBe(merkleRootHex(buildMerkleTree(run.stepHashes.map(hexToBytes), (b) => blake3(b))));
    // An injected implementation serves only its own algorithm.
    const wrongSha = createTrainer(trainer.job, generateDataset({ spec: trainer.job.spec.dataset, split: 'train' }), { hashes: { sha256: () => { throw new Error('not this one'); } } });
    expect(wrongSha.hash(state)).toBe(trainer.hash(state));
  });

  it('hashes a stepped state as it hashes a fresh copy of it, NaNs as the canonical NaN when a step diverges', () => {
    const { trainer } = trainerFor(mlpJobInput({ epochs: 1 }));
    const copy = (s: TrainingState): TrainingState => ({ step: s.step, params: s.params.slice(), slots: s.slots.map((v) => v.slice()) });
    const s1 = trainer.step(trainer.initialState());
    expect(trainer.hash(s1)).toBe(trainer.hash(copy(s1)));
    // Infinite weights and slots make the update write NaNs (∞ − ∞; this machine's NaN, 0xffc00000 on x86): they must hash as 0x7fc00000.
    const blown = copy(s1);
    for (const v of [blown.params, ...blown.slots]) v.fill(Number.POSITIVE_INFINITY, 0, 8);
    const s2 = trainer.step(blown);
    expect(s2.params.some((x) => Number.isNaN(x))).toBe(true);
    const canonical = copy(s2);
    for (const v of [canonical.params, ...canonical.slots]) new Uint32Array(v.buffer).forEach((bits, i, all) => (all[i] = (bits & 0x7f800000) === 0x7f800000 && bits & 0x7fffff ? 0x7fc00000 : bits));
    expect(trainer.hash(s2)).toBe(trainer.hash(canonical));
  });

  it('trainStep is the trainer step as one pure function (inputs untouched)', () => {
    const { job, trainer } = trainerFor(mlpJobInput({ epochs: 1 }));
    const s0 = trainer.initialState();
    const copy = s0.params.slice();
    const s1 = trainStep(job, s0, generateDataset({ spec: job.spec.dataset, split: 'train' }));
    expect(s0.params).toEqual(copy);
    expect(s1.step).toBe(1);
    expect(trainer.hash(s1)).toBe(trainer.hash(trainer.step(s0)));
  });
});

describe('train (learning)', () => {
  it.each([
    ['SGD with momentum', { kind: 'sgd', momentum: 0.9 }, 0.05],
    ['Adam', { kind: 'adam' }, 0.01],
  ])('an MLP learns a 10-class mixture with %s', (_name, optimizer, lr) => {
    const { job, trainer } = trainerFor(mlpJobInput({ optimizer, lr, epochs: 3 }));
    const run = train(trainer);
    expect(mean(run.losses, run.losses.length - 8, run.losses.length)).toBeLessThan(mean(run.losses, 0, 8) / 4);
    const heldOut = generateDataset({ spec: job.spec.dataset, split: 'held-out-1', count: 500 });
    const before = evaluate(trainer.model, run.checkpoints.get(0)!.params, heldOut);
    const after = evaluate(trainer.model, run.finalState.params, heldOut);
    expect(after.accuracy).toBeGreaterThan(0.8); // chance is 0.1
    expect(before.accuracy).toBeLessThan(0.3);
    expect(after.loss).toBeLessThan(before.loss / 4);
  });

  it('a small CNN learns procedurally drawn shapes', () => {
    const { job, trainer } = trainerFor(cnnJobInput({ epochs: 3 }));
    const run = train(trainer);
    expect(mean(run.losses, run.losses.length - 10, run.losses.length)).toBeLessThan(mean(run.losses, 0, 10) * 0.6);
    const after = evaluate(trainer.model, run.finalState.params, generateDataset({ spec: job.spec.dataset, split: 'held-out-1', count: 400 }));
    expect(after.accuracy).toBeGreaterThan(0.6); // chance is 0.25
  });
});
