import { beforeAll, describe, expect, it } from 'vitest';
import { beaconOf, honestSetup } from '../../test/jobs';
import { verifyCommitment } from '../verifier/verify-commitment';
import { skippedStepsCheater, type SkipVariant } from './skipped-steps';

let h: ReturnType<typeof honestSetup>;
beforeAll(() => {
  h = honestSetup(); // T = 128, q = 48 → about 52 transitions checked
});

/** How many of `trials` C1 cheaters (own seeds, own beacons) exact mode fails. */
function detected(fraction: number, variant: SkipVariant, trials: number): number {
  let caught = 0;
  for (let i = 0; i < trials; i++) {
    const cheat = skippedStepsCheater({ trainer: h.trainer, dataset: h.dataset, fraction, variant, seed: `c1-${variant}-${fraction}-${i}` });
    const report = verifyCommitment({ trainer: h.trainer, commitment: cheat, beacon: beaconOf(1000 + i), open: cheat.open, heldOut: false, stopAtFirstFailure: true });
    if (!report.passed) {
      caught++;
      // Only a faked transition (or, for double-LR, the one after it) can fail.
      const t = report.failures[0]!.step;
      expect(cheat.fakeSteps.includes(t) || (variant === 'double-lr' && cheat.fakeSteps.includes(t - 1))).toBe(true);
    }
  }
  return caught;
}

describe('C1 skipped steps', () => {
  it('fakes ⌈f·T⌉ distinct transitions', () => {
    expect(skippedStepsCheater({ trainer: h.trainer, dataset: h.dataset, fraction: 0.1, variant: 'no-op', seed: 'x' }).fakeSteps).toHaveLength(13);
    expect(() => skippedStepsCheater({ trainer: h.trainer, dataset: h.dataset, fraction: 0, variant: 'no-op', seed: 'x' })).toThrow(RangeError);
  });

  // f = 10 %: 13 fakes, ~52 of 128 checked: P(miss) ≈ C(76,13)/C(128,13) < 10⁻³ per trial, so
  // ≥ 28 of 30 fails only with probability < 10⁻⁶ (and the seeds are fixed).
  it.each(['no-op', 'interpolation', 'double-lr'] as const)('f = 10 percent, %s: caught in ≥ 28 of 30 jobs', (variant) => {
    expect(detected(0.1, variant, 30)).toBeGreaterThanOrEqual(28);
  });

  it('on a BLAKE3 job the fakes open under the job\'s own tree: each is caught at a faked step, never by its proofs', () => {
    const b = honestSetup({ stateHash: 'blake3' });
    expect(b.publication.root).not.toBe(h.publication.root);
    for (let i = 0; i < 5; i++) {
      const cheat = skippedStepsCheater({ trainer: b.trainer, dataset: b.dataset, fraction: 0.5, variant: 'no-op', seed: `blake3-${i}` });
      const report = verifyCommitment({ trainer: b.trainer, commitment: cheat, beacon: beaconOf(2000 + i), open: cheat.open, heldOut: false });
      expect(report.passed).toBe(false);
      expect(report.failures.every((f) => f.kind !== 'bad-proof' && cheat.fakeSteps.includes(f.step))).toBe(true);
    }
  });

  it('f = 50 %: caught in every job; f = 1 % (2 fakes): caught in about 1 − C(76,2)/C(128,2) ≈ 65 % of jobs', () => {
    expect(detected(0.5, 'no-op', 30)).toBe(30);
    const low = detected(0.01, 'no-op', 30);
    expect(low).toBeGreaterThanOrEqual(10); // mean 19.5, sd 2.6
    expect(low).toBeLessThanOrEqual(28);
  });
});
