import { beforeAll, describe, expect, it } from 'vitest';
import { beaconOf, honestSetup } from '../../test/jobs';
import { adversaryRng } from '../adversaries/fabricate-states';
import { lazyVerifier, sloppyVerifier } from '../adversaries/lazy-verifier';
import { fixedChallengeSteps } from '../challenge/sample-challenge-steps';
import { verifyCommitment } from '../verifier/verify-commitment';
import { plantCanary } from './plant-canary';
import { scoreVerifierDiligence } from './score-verifier-diligence';

let h: ReturnType<typeof honestSetup>;
beforeAll(() => {
  h = honestSetup();
});

describe('canaries (V1)', () => {
  it('plant exactly one wrong transition at an always-checked step, which every diligent check fails in exact and tolerant mode', () => {
    const fixed = fixedChallengeSteps({ totalSteps: 128, stepsPerEpoch: 32 });
    const planted = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const canary = plantCanary(h.trainer, { seed: `canary-${i}` });
      planted.add(canary.plantedStep);
      expect(fixed).toContain(canary.plantedStep);
      const base = { trainer: h.trainer, commitment: canary, beacon: beaconOf(i), open: canary.open, openFinal: canary.openFinal, heldOut: false as const };
      expect(verifyCommitment(base).failures).toEqual([expect.objectContaining({ step: canary.plantedStep, kind: 'wrong-transition' })]);
      expect(verifyCommitment({ ...base, mode: { kind: 'tolerant', tau: 1e-3 } }).failures).toEqual([expect.objectContaining({ step: canary.plantedStep, kind: 'over-tolerance' })]);
    }
    expect(planted.size).toBeGreaterThan(2); // the seed spreads canaries over first, last and boundaries
  });

  it('on a BLAKE3 job too: the one failure is the planted step, its proofs open under the job\'s tree', () => {
    const b = honestSetup({ stateHash: 'blake3' });
    const canary = plantCanary(b.trainer, { seed: 'canary-blake3' });
    const report = verifyCommitment({ trainer: b.trainer, commitment: canary, beacon: beaconOf(7), open: canary.open, openFinal: canary.openFinal, heldOut: false });
    expect(report.failures).toEqual([expect.objectContaining({ step: canary.plantedStep, kind: 'wrong-transition' })]);
  });

  it('score a lazy verifier 0 % diligent and a diligent one 100 %; a 50 %-sloppy one in between', () => {
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
  });
});
