import fc from 'fast-check';
import { cloneState } from '@tensorgrid/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { beaconOf, honestSetup } from '../../test/jobs';
import { challengeSeed } from '../challenge/challenge-seed';
import { sampleChallengeSteps } from '../challenge/sample-challenge-steps';
import type { SolverPublication } from '../prover/solver-publication';
import { challengedSteps } from './challenged-steps';
import { heldOutDataset, heldOutSplit, defaultAccuracyFloor } from './held-out';
import { verifyCommitment, type VerifyCommitmentInput } from './verify-commitment';

let h: ReturnType<typeof honestSetup>;
beforeAll(() => {
  h = honestSetup(); // T = 128, 4 epochs of 32
});

function input(pub: SolverPublication, extra: Partial<VerifyCommitmentInput> = {}): VerifyCommitmentInput {
  return { trainer: h.trainer, commitment: pub, beacon: beaconOf(7), open: pub.open, openFinal: pub.openFinal, ...extra };
}

describe('verifyCommitment: honest solvers', () => {
  it('passes an honest run in exact mode, checking q uniform + first, last and epoch boundaries, and the held-out floor', () => {
    const report = verifyCommitment(input(h.publication));
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.checkedSteps).toEqual(sampleChallengeSteps({ seed: challengeSeed(beaconOf(7), h.run.root), totalSteps: 128, stepsPerEpoch: 32 }));
    expect(challengedSteps({ trainer: h.trainer, commitment: h.publication, beacon: beaconOf(7) })).toEqual(report.checkedSteps);
    for (const t of [0, 32, 64, 96, 127]) expect(report.checkedSteps).toContain(t);
    expect(report.checkedSteps.length).toBeGreaterThanOrEqual(48);
    expect(report.heldOut!.floor).toBeCloseTo(2 / 3, 10);
    expect(report.heldOut!.accuracy).toBeGreaterThan(report.heldOut!.floor);
    expect(report.heldOut!.examples).toBe(64); // clearly above its floor: decided at the first look
  });

  it('passes honest jobs under 10 beacons, with SGD and with Adam', () => {
    const adam = honestSetup({ optimizer: { kind: 'adam' }, lr: 0.01, jobId: 'job-adam' });
    for (let b = 0; b < 10; b++) {
      expect(verifyCommitment(input(h.publication, { beacon: beaconOf(b) })).passed).toBe(true);
      expect(verifyCommitment({ ...input(adam.publication, { beacon: beaconOf(b) }), trainer: adam.trainer }).passed).toBe(true);
    }
  });

  it('checks all T transitions when q ≥ T', () => {
    const report = verifyCommitment(input(h.publication, { q: 500, heldOut: false }));
    expect(report.checkedSteps).toHaveLength(128);
    expect(report.passed).toBe(true);
    expect(report.heldOut).toBeUndefined();
  });
});

describe('verifyCommitment: failures', () => {
  it('fails the structure check when leafCount ≠ T + 1, before asking for anything', () => {
    const report = verifyCommitment(input(h.publication, { commitment: { root: h.run.root, leafCount: 128 }, open: () => { throw new Error('must not be called'); } }));
    expect(report).toMatchObject({ passed: false, checkedSteps: [], failures: [{ kind: 'structure', step: 128 }] });
  });

  it('records withheld answers (C9) and a withheld final model', () => {
    const report = verifyCommitment(input(h.publication, { open: () => undefined, openFinal: () => undefined }));
    expect(report.passed).toBe(false);
    expect(report.failures.every((f) => f.kind === 'withheld')).toBe(true);
    expect(report.failures).toHaveLength(report.checkedSteps.length + 1);
  });

  it('refuses an opening of another commitment, of another step, or of the wrong shape', () => {
    const other = honestSetup({ jobSeed: '77'.repeat(32) });
    const foreign = verifyCommitment(input(h.publication, { open: (t) => other.publication.open(t) }));
    expect(foreign.failures.filter((f) => f.kind !== 'bad-proof')).toEqual([]);
    const shifted = verifyCommitment(input(h.publication, { open: (t) => h.publication.open(Math.min(t + 1, 127)), heldOut: false }));
    expect(shifted.failures[0]).toMatchObject({ kind: 'structure', step: 0 });
    const badShape = verifyCommitment(input(h.publication, { open: (t) => ({ ...h.publication.open(t)!, state: { ...h.publication.open(t)!.state, slots: [] } }), heldOut: false }));
    expect(badShape.failures.length).toBe(badShape.checkedSteps.length);
    expect(badShape.failures.every((f) => f.kind === 'structure')).toBe(true);
  });

  it('fails the held-out check for an untrained final model and for a floor above the model', () => {
    // A solver that commits W_0 as its final state cannot open leaf T with it.
    const untrained = verifyCommitment(input(h.publication, { openFinal: () => ({ ...h.publication.openFinal()!, state: { ...h.trainer.initialState(), step: 128 } }) }));
    expect(untrained.failures).toEqual([expect.objectContaining({ kind: 'state-mismatch', step: 128 })]);
    const strict = verifyCommitment(input(h.publication, { heldOut: { floor: 0.999 } }));
    expect(strict.failures).toEqual([expect.objectContaining({ kind: 'held-out', step: 128 })]);
    expect(strict.heldOut!.accuracy).toBeLessThan(0.999);
  });

  it('stops at the first failure when asked', () => {
    const report = verifyCommitment(input(h.publication, { open: () => undefined, stopAtFirstFailure: true }));
    expect(report.checkedSteps).toEqual([0]);
    expect(report.failures).toHaveLength(1);
  });

  it('catches any single-bit flip in a sampled committed state (W or optimizer slot), as state-mismatch (property)', () => {
    const steps = verifyCommitment(input(h.publication, { heldOut: false })).checkedSteps;
    fc.assert(
      fc.property(fc.constantFrom(...steps), fc.record({ slot: fc.integer({ min: -1, max: 0 }), index: fc.nat(194), bit: fc.integer({ min: 0, max: 31 }) }), (t, flip) => {
        const open = (s: number): ReturnType<SolverPublication['open']> => {
          const o = h.publication.open(s)!;
          if (s !== t) return o;
          const state = cloneState(o.state);
          const target = flip.slot < 0 ? state.params : state.slots[flip.slot]!;
          new Uint32Array(target.buffer, target.byteOffset, target.length)[flip.index]! ^= 1 << flip.bit;
          return { ...o, state };
        };
        const report = verifyCommitment(input(h.publication, { open, heldOut: false }));
        expect(report.passed).toBe(false);
        expect(report.failures).toEqual([expect.objectContaining({ step: t, kind: 'state-mismatch' })]);
      }),
      { numRuns: 40, seed: 20261122 },
    );
  });
});

describe('verifyCommitment: published leaves', () => {
  const noProofs = (pub: SolverPublication) => ({
    open: (t: number) => ({ ...pub.open(t)!, proof: [], nextProof: [] }),
    openFinal: () => ({ ...pub.openFinal()!, proof: [] }),
  });

  it('checks the published step hashes against the root, and then they stand in for every proof', () => {
    // Openings without proofs fail on their own, and pass once the checked leaves vouch for their hashes.
    expect(verifyCommitment(input(h.publication, noProofs(h.publication))).failures.every((f) => f.kind === 'bad-proof')).toBe(true);
    const report = verifyCommitment(input(h.publication, { ...noProofs(h.publication), leaves: { hashes: h.run.stepHashes } }));
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('reports missing, short or wrong leaves as leaves-withheld, after the replay\'s failures, and falls back to the proofs', () => {
    const tampered = h.run.stepHashes.map((x, i) => (i === 5 ? 'ab'.repeat(32) : x));
    const cases: [readonly string[] | undefined, string][] = [
      [undefined, 'did not publish'],
      [h.run.stepHashes.slice(1), '128 step hashes published, 129 committed'],
      [tampered, 'do not hash to the committed root'],
      [h.run.stepHashes.map((x, i) => (i === 7 ? x.toUpperCase() : x)), 'step hash 7 is not 64 lowercase hex'],
      [h.run.stepHashes.map((x, i) => (i === 9 ? x.slice(0, 62) : x)), 'step hash 9 is not 64 lowercase hex'],
    ];
    for (const [hashes, detail] of cases) {
      expect(verifyCommitment(input(h.publication, { leaves: { hashes } })).failures).toEqual([{ step: 128, kind: 'leaves-withheld', detail: expect.stringContaining(detail) }]);
      const withheld = verifyCommitment(input(h.publication, { ...noProofs(h.publication), leaves: { hashes } }));
      expect(withheld.failures.at(-1)).toMatchObject({ kind: 'leaves-withheld' });
      expect(withheld.failures.slice(0, -1).every((f) => f.kind === 'bad-proof')).toBe(true);
      expect(withheld.failures.length).toBe(withheld.checkedSteps.length + 2);
    }
  });

  it('refuses an opened hash that is not the published leaf', () => {
    const t = verifyCommitment(input(h.publication, { heldOut: false })).checkedSteps[3]!;
    const open = (s: number) => (s === t ? { ...h.publication.open(s)!, nextHash: h.run.stepHashes[s + 2]! } : h.publication.open(s));
    const report = verifyCommitment(input(h.publication, { open, leaves: { hashes: h.run.stepHashes } }));
    expect(report.failures).toEqual([{ step: t, kind: 'bad-proof' }]);
    const final = verifyCommitment(input(h.publication, { openFinal: () => ({ ...h.publication.openFinal()!, hash: h.run.stepHashes[127]! }), leaves: { hashes: h.run.stepHashes } }));
    expect(final.failures).toEqual([expect.objectContaining({ step: 128, kind: 'bad-proof' })]);
  });
});

describe('held-out draw', () => {
  it('is bound to the job seed and the beacon, and is not the training split', () => {
    const split = heldOutSplit(h.job, beaconOf(1));
    expect(split).toMatch(/^heldout\/[0-9a-f]{32}$/);
    expect(heldOutSplit(h.job, beaconOf(2))).not.toBe(split);
    expect(heldOutSplit({ ...h.job, jobSeed: '01'.repeat(32) }, beaconOf(1))).not.toBe(split);
    const held = heldOutDataset(h.job, { beacon: beaconOf(1), count: 64 });
    expect(held.count).toBe(64);
    expect(held.inputs.subarray(0, 8)).not.toEqual(h.dataset.inputs.subarray(0, 8));
  });

  it('defaults the floor halfway from chance to perfect', () => {
    expect(defaultAccuracyFloor(2)).toBe(0.75);
    expect(defaultAccuracyFloor(10)).toBeCloseTo(0.55, 12);
    expect(() => defaultAccuracyFloor(1)).toThrow(RangeError);
  });
});
