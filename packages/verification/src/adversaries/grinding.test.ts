import { beforeAll, describe, expect, it } from 'vitest';
import { beaconOf, honestSetup } from '../../test/jobs';
import { verifyCommitment } from '../verifier/verify-commitment';
import { fabricateStates } from './fabricate-states';
import { grindingCheater } from './grinding';

let h: ReturnType<typeof honestSetup>;
let states: ReturnType<typeof fabricateStates>;
beforeAll(() => {
  h = honestSetup();
  states = fabricateStates(h.trainer, (s) => h.trainer.step(s));
});

describe('C8 grinding', () => {
  it('succeeds when S is a function of R alone (the beacon is known before the commitment)', () => {
    const known = beaconOf(0); // e.g. a fixed constant, or a beacon already public at commit time
    for (let i = 0; i < 5; i++) {
      const cheat = grindingCheater({ trainer: h.trainer, states, fraction: 0.05, knownBeacon: known, maxAttempts: 5000, seed: `grind-${i}` });
      expect(cheat.avoided).toBe(true);
      expect(cheat.fakeLeaves).toHaveLength(7);
      const report = verifyCommitment({ trainer: h.trainer, commitment: cheat, beacon: known, open: cheat.open, openFinal: cheat.openFinal });
      expect(report.passed).toBe(true); // the fabricated stretch went unchecked
      // The same commitment under a fresh beacon would have been checked there (for most beacons).
    }
  });

  it('fails with a beacon revealed after the commitment: caught in ≥ 17 of 20 jobs (P ≈ 98 % each)', () => {
    let caught = 0;
    for (let i = 0; i < 20; i++) {
      const cheat = grindingCheater({ trainer: h.trainer, states, fraction: 0.05, maxAttempts: 5000, seed: `post-${i}` });
      expect(cheat.attempts).toBe(1); // nothing to grind against
      const report = verifyCommitment({ trainer: h.trainer, commitment: cheat, beacon: beaconOf(500 + i), open: cheat.open, heldOut: false, stopAtFirstFailure: true });
      if (!report.passed) {
        caught++;
        const t = report.failures[0]!.step;
        expect(t >= cheat.fakeLeaves[0]! - 1 && t <= cheat.fakeLeaves.at(-1)!).toBe(true);
      }
    }
    expect(caught).toBeGreaterThanOrEqual(17);
  });
});
