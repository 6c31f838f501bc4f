import { beforeAll, describe, expect, it } from 'vitest';
import { beaconOf, honestSetup } from '../../test/jobs';
import { adversaryRng } from '../adversaries/fabricate-states';
import { fixedStepsVerifier, lazyVerifier, sloppyVerifier } from '../adversaries/lazy-verifier';
import { challengeSeed } from '../challenge/challenge-seed';
import { fixedChallengeSteps, sampleChallengeSteps } from '../challenge/sample-challenge-steps';
import { verifyCommitment } from '../verifier/verify-commitment';
import { CANARY_SAMPLED_SHARE, plantCanary, type PlantedCanary } from './plant-canary';
import { scoreVerifierDiligence } from './score-verifier-diligence';

let h: ReturnType<typeof honestSetup>;
beforeAll(() => {
  h = honestSetup();
});

/** The planted steps the challenge drawn by `beacon` looks at: exactly the failures a diligent verifier reports. */
function challengedPlanted(canary: PlantedCanary, beacon: string): number[] {
  const steps = sampleChallengeSteps({ seed: challengeSeed(beacon, canary.root), totalSteps: h.trainer.totalSteps, stepsPerEpoch: h.trainer.stepsPerEpoch });
  return canary.plantedSteps.filter((t) => steps.includes(t));
}

describe('canaries (V1)', () => {
  const fixed = fixedChallengeSteps({ totalSteps: 128, stepsPerEpoch: 32 });

  it('a fixed canary has one wrong transition at an always-checked step, which every diligent check fails in exact and tolerant mode', () => {
    const planted = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const canary = plantCanary(h.trainer, { seed: `canary-${i}`, kind: 'fixed' });
      expect(canary.kind).toBe('fixed');
      expect(canary.plantedSteps).toHaveLength(1);
      const [step] = canary.plantedSteps;
      planted.add(step!);
      expect(fixed).toContain(step);
      const base = { trainer: h.trainer, commitment: canary, beacon: beaconOf(i), open: canary.open, openFinal: canary.openFinal, heldOut: false as const };
      expect(verifyCommitment(base).failures).toEqual([expect.objectContaining({ step, kind: 'wrong-transition' })]);
      expect(verifyCommitment({ ...base, mode: { kind: 'tolerant', tau: 1e-3 } }).failures).toEqual([expect.objectContaining({ step, kind: 'over-tolerance' })]);
    }
    expect(planted.size).toBeGreaterThan(2); // the seed spreads canaries over first, last and boundaries
  });

  it('a sampled canary gets about a fifth of the other transitions wrong and none of the always-checked ones: only the beacon\'s draws find it', () => {
    for (let i = 0; i < 12; i++) {
      const canary = plantCanary(h.trainer, { seed: `sampled-${i}`, kind: 'sampled' });
      expect(canary.kind).toBe('sampled');
      expect(canary.plantedSteps.some((t) => fixed.includes(t))).toBe(false);
      // 123 candidates at 0.2: mean 24.6, sd 4.4.
      expect(canary.plantedSteps.length).toBeGreaterThan(0.2 * 123 - 5 * 4.4);
      expect(canary.plantedSteps.length).toBeLessThan(0.2 * 123 + 5 * 4.4);
      const base = { trainer: h.trainer, commitment: canary, beacon: beaconOf(i), open: canary.open, openFinal: canary.openFinal, heldOut: false as const };
      const expected = challengedPlanted(canary, beaconOf(i));
      expect(expected.length).toBeGreaterThan(0);
      expect(verifyCommitment(base).failures).toEqual(expected.map((step) => expect.objectContaining({ step, kind: 'wrong-transition' })));
      expect(fixedStepsVerifier(base).passed).toBe(true); // the always-checked transitions are all right
    }
    expect(CANARY_SAMPLED_SHARE).toBe(0.2);
  });

  it('the secret picks the kind, about half each; a job whose every step is always checked gets fixed canaries only', () => {
    const kinds = Array.from({ length: 40 }, (_, i) => plantCanary(h.trainer, { seed: `mix-${i}` }).kind);
    const sampled = kinds.filter((k) => k === 'sampled').length;
    expect(sampled).toBeGreaterThan(8); // Binomial(40, 0.5): P(≤ 8 or ≥ 32) < 0.01 %
    expect(sampled).toBeLessThan(32);
    const tiny = honestSetup({ epochs: 1, size: 16, batchSize: 8 });
    expect(tiny.trainer.totalSteps).toBe(2);
    expect(plantCanary(tiny.trainer, { seed: 'tiny', kind: 'sampled' })).toMatchObject({ kind: 'fixed', plantedSteps: [expect.any(Number)] });
  });

  it('on a BLAKE3 job too: the one failure is the planted step, its proofs open under the job\'s tree', () => {
    const b = honestSetup({ stateHash: 'blake3' });
    const canary = plantCanary(b.trainer, { seed: 'canary-blake3', kind: 'fixed' });
    const report = verifyCommitment({ trainer: b.trainer, commitment: canary, beacon: beaconOf(7), open: canary.open, openFinal: canary.openFinal, heldOut: false });
    expect(report.failures).toEqual([expect.objectContaining({ step: canary.plantedSteps[0], kind: 'wrong-transition' })]);
  });

  it('score a lazy verifier 0 % diligent and a diligent one 100 %; a 50 %-sloppy one and one that skips the beacon\'s draws in between', () => {
    const canaries = Array.from({ length: 30 }, (_, i) => plantCanary(h.trainer, { seed: `c${i}` }));
    const inputs = canaries.map((c, i) => ({ trainer: h.trainer, commitment: c, beacon: beaconOf(i), open: c.open, openFinal: c.openFinal, heldOut: false as const, stopAtFirstFailure: true }));
    const lazy = scoreVerifierDiligence(inputs.map(lazyVerifier));
    expect(lazy).toMatchObject({ canaries: 30, caught: 0, approved: 30 });
    expect(lazy.diligence.high).toBeLessThan(0.12);
    const diligent = scoreVerifierDiligence(inputs.map(verifyCommitment));
    expect(diligent).toMatchObject({ canaries: 30, caught: 30, approved: 0 });
    const sloppy = scoreVerifierDiligence(inputs.map(sloppyVerifier({ diligence: 0.5, rng: adversaryRng('sloppy', 'test') })));
    expect(sloppy.caught).toBeGreaterThan(5); // Binomial(30, 0.5): P(≤ 5 or ≥ 25) < 0.1 %
    expect(sloppy.caught).toBeLessThan(25);
    // It catches exactly the fixed canaries.
    const fixedOnly = scoreVerifierDiligence(inputs.map(fixedStepsVerifier));
    expect(fixedOnly.caught).toBe(canaries.filter((c) => c.kind === 'fixed').length);
    expect(fixedOnly.approved).toBeGreaterThan(0);
  });
});
