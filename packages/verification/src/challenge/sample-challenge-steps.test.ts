import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedChallengeSteps, sampleChallengeSteps } from './sample-challenge-steps';

const seed = '11'.repeat(32);

describe('sampleChallengeSteps', () => {
  it('always holds the first, the last and every epoch boundary', () => {
    expect(fixedChallengeSteps({ totalSteps: 128, stepsPerEpoch: 32 })).toEqual([0, 32, 64, 96, 127]);
    const steps = sampleChallengeSteps({ seed, totalSteps: 128, stepsPerEpoch: 32 });
    for (const t of [0, 32, 64, 96, 127]) expect(steps).toContain(t);
  });

  it('is sorted, unique, in range, of size q + the fixed ones not drawn, and reproducible', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.record({ T: fc.integer({ min: 1, max: 400 }), spe: fc.integer({ min: 1, max: 60 }), q: fc.integer({ min: 0, max: 80 }) }), (bytes, { T, spe, q }) => {
        const s = Buffer.from(bytes).toString('hex');
        const steps = sampleChallengeSteps({ seed: s, totalSteps: T, stepsPerEpoch: spe, q });
        expect(steps).toEqual(sampleChallengeSteps({ seed: s, totalSteps: T, stepsPerEpoch: spe, q }));
        expect(new Set(steps).size).toBe(steps.length);
        expect([...steps].sort((a, b) => a - b)).toEqual(steps);
        expect(steps.every((t) => Number.isInteger(t) && t >= 0 && t < T)).toBe(true);
        const fixed = fixedChallengeSteps({ totalSteps: T, stepsPerEpoch: spe });
        if (q >= T) expect(steps.length).toBe(T);
        else {
          expect(steps.length).toBeGreaterThanOrEqual(Math.max(q, fixed.length));
          expect(steps.length).toBeLessThanOrEqual(q + fixed.length);
        }
      }),
      { numRuns: 200, seed: 20261122 },
    );
  });

  it('gives every transition about the same chance (uniform draws, not modulo-biased)', () => {
    const T = 100;
    const counts = new Array<number>(T).fill(0);
    const trials = 2000;
    for (let i = 0; i < trials; i++) {
      const s = i.toString(16).padStart(64, '0');
      // stepsPerEpoch = T: only 0 and T−1 are fixed.
      for (const t of sampleChallengeSteps({ seed: s, totalSteps: T, stepsPerEpoch: T, q: 10 })) counts[t]!++;
    }
    expect(counts[0]).toBe(trials);
    expect(counts[T - 1]).toBe(trials);
    // Each other step: Binomial(2000, ≈0.1): mean 200, sd ≈ 13.4; ±6 sd is far outside chance.
    for (let t = 1; t < T - 1; t++) {
      expect(counts[t]).toBeGreaterThan(120);
      expect(counts[t]).toBeLessThan(280);
    }
  });

  it('differs for different seeds and refuses bad sizes', () => {
    expect(sampleChallengeSteps({ seed, totalSteps: 1000, stepsPerEpoch: 1000 })).not.toEqual(sampleChallengeSteps({ seed: '12'.repeat(32), totalSteps: 1000, stepsPerEpoch: 1000 }));
    expect(() => sampleChallengeSteps({ seed, totalSteps: 0, stepsPerEpoch: 1 })).toThrow(RangeError);
    expect(() => sampleChallengeSteps({ seed, totalSteps: 10, stepsPerEpoch: 0 })).toThrow(RangeError);
    expect(() => sampleChallengeSteps({ seed, totalSteps: 10, stepsPerEpoch: 5, q: -1 })).toThrow(RangeError);
  });
});
