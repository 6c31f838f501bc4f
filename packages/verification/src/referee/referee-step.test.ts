import fc from 'fast-check';
import { cloneState } from '@tensorgrid/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { honestSetup } from '../../test/jobs';
import { fabricateStates, publishStates } from '../adversaries/fabricate-states';
import { skippedStepsCheater } from '../adversaries/skipped-steps';
import { refereeStep } from './referee-step';

let h: ReturnType<typeof honestSetup>;
beforeAll(() => {
  h = honestSetup();
});

describe('refereeStep (one-step dispute)', () => {
  it('rules for an honest solver at every step, in one round', () => {
    for (let t = 0; t < h.trainer.totalSteps; t += 9) {
      const verdict = refereeStep({ trainer: h.trainer, commitment: h.publication, t, opening: h.publication.open(t) });
      expect(verdict).toMatchObject({ nodeWrong: false, rounds: 1, step: t });
      expect(verdict.failure).toBeUndefined();
    }
  });

  it('finds a faked step wrong in 1 round, with a verdict any other referee reproduces', () => {
    const cheat = skippedStepsCheater({ trainer: h.trainer, dataset: h.dataset, fraction: 0.05, variant: 'no-op', seed: 'referee' });
    for (const t of cheat.fakeSteps) {
      const verdict = refereeStep({ trainer: h.trainer, commitment: cheat, t, opening: cheat.open(t) });
      expect(verdict).toMatchObject({ nodeWrong: true, rounds: 1, step: t, failure: { kind: 'wrong-transition', step: t } });
      // A second referee, with its own trainer built from the job alone, gets the same verdict hash.
      const again = refereeStep({ trainer: honestSetup().trainer, commitment: cheat, t, opening: cheat.open(t) });
      expect(again.verdictHash).toBe(verdict.verdictHash);
    }
    const honestStep = [...Array(h.trainer.totalSteps).keys()].find((t) => !cheat.fakeSteps.includes(t) && !cheat.fakeSteps.includes(t - 1))!;
    expect(refereeStep({ trainer: h.trainer, commitment: cheat, t: honestStep, opening: cheat.open(honestStep) }).nodeWrong).toBe(false);
  });

  it('rules against a solver that does not answer, answers for another root, or for a step outside the job', () => {
    expect(refereeStep({ trainer: h.trainer, commitment: h.publication, t: 5, opening: undefined })).toMatchObject({ nodeWrong: true, failure: { kind: 'withheld' } });
    expect(refereeStep({ trainer: h.trainer, commitment: { ...h.publication, root: 'ee'.repeat(32) }, t: 5, opening: h.publication.open(5) })).toMatchObject({ nodeWrong: true, failure: { kind: 'bad-proof' } });
    expect(refereeStep({ trainer: h.trainer, commitment: h.publication, t: 128, opening: undefined })).toMatchObject({ nodeWrong: true, failure: { kind: 'structure' } });
  });

  it('a committed state with one flipped bit fails the transition that produced it (property)', () => {
    const honest = fabricateStates(h.trainer, (s) => h.trainer.step(s));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 127 }), fc.record({ index: fc.nat(194), bit: fc.integer({ min: 0, max: 31 }) }), (s, flip) => {
        const states = honest.slice();
        const flipped = cloneState(states[s]!);
        new Uint32Array(flipped.params.buffer, flipped.params.byteOffset, flipped.params.length)[flip.index]! ^= 1 << flip.bit;
        states[s] = flipped;
        const pub = publishStates(h.trainer, states);
        expect(refereeStep({ trainer: h.trainer, commitment: pub, t: s - 1, opening: pub.open(s - 1) })).toMatchObject({ nodeWrong: true, failure: { kind: 'wrong-transition', step: s - 1 } });
        // (Transition s may replay to the honest W_{s+1} when the flipped ulp is rounded away, so it is not asserted.)
        if (s >= 2) expect(refereeStep({ trainer: h.trainer, commitment: pub, t: s - 2, opening: pub.open(s - 2) }).nodeWrong).toBe(false);
      }),
      { numRuns: 30, seed: 20261122 },
    );
  });
});
