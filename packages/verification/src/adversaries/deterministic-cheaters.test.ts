import { beforeAll, describe, expect, it } from 'vitest';
import { beaconOf, honestSetup } from '../../test/jobs';
import type { SolverPublication } from '../prover/solver-publication';
import { verifyCommitment, type VerificationReport } from '../verifier/verify-commitment';
import { fewerEpochsCheater } from './fewer-epochs';
import { ownBatchesCheater } from './own-batches';
import { randomWeightsCheater } from './random-weights';
import { earlierStatesCheater, otherJobCheater } from './replayed-checkpoints';
import { withholdingSolver } from './withholding';
import { wrongHyperparameterCheater } from './wrong-hyperparameters';

let h: ReturnType<typeof honestSetup>;
beforeAll(() => {
  h = honestSetup();
});

const TRIALS = 20;

function verify(pub: SolverPublication, i: number): VerificationReport {
  return verifyCommitment({ trainer: h.trainer, commitment: pub, beacon: beaconOf(2000 + i), open: pub.open, openFinal: pub.openFinal });
}

/** Every one of TRIALS beacons fails the cheater; returns the failure kinds seen. */
function caughtEveryTime(make: (i: number) => SolverPublication): Set<string> {
  const kinds = new Set<string>();
  for (let i = 0; i < TRIALS; i++) {
    const report = verify(make(i), i);
    expect(report.passed).toBe(false);
    report.failures.forEach((f) => kinds.add(f.kind));
  }
  return kinds;
}

describe('deterministic checks catch every cheater, whatever the beacon (§6.11: 100 %)', () => {
  it('C2 fewer epochs: the first replayed epoch boundary fails', () => {
    const cheat = fewerEpochsCheater(h.trainer);
    expect(cheat.honestSteps).toBe(64);
    const kinds = caughtEveryTime(() => cheat);
    expect(kinds).toContain('wrong-transition');
    expect(verify(cheat, 0).failures.map((f) => f.step)).toContain(64);
    expect(verify(cheat, 0).failures.every((f) => f.step >= 64)).toBe(true);
  });

  it('C3 random weights: all states (W_0 check) or only the final one (last transition + held-out)', () => {
    expect(caughtEveryTime((i) => randomWeightsCheater(h.trainer, { which: 'all', seed: `c3-${i}` }))).toContain('wrong-init');
    const final = randomWeightsCheater(h.trainer, { which: 'final', seed: 'c3' });
    const report = verify(final, 0);
    expect(report.failures.map((f) => f.kind).sort()).toEqual(['held-out', 'wrong-transition']);
    expect(report.heldOut!.accuracy).toBeLessThan(report.heldOut!.floor);
  });

  it('C4a checkpoints of another job (same spec): W_0 and job-id binding', () => {
    const kinds = caughtEveryTime((i) => otherJobCheater(h.trainer, { jobId: `other-${i}`, jobSeed: (i + 16).toString(16).repeat(32), dataset: h.dataset }));
    expect([...kinds]).toEqual(expect.arrayContaining(['wrong-init', 'state-mismatch']));
  });

  it('C4b earlier states of the same job', () => {
    const cheat = earlierStatesCheater(h.trainer);
    expect(caughtEveryTime(() => cheat)).toContain('wrong-transition');
  });

  it('C5 own batches (other seed): every checked transition fails', () => {
    for (let i = 0; i < 5; i++) {
      const report = verify(ownBatchesCheater(h.trainer, { dataset: h.dataset, batchSeed: (i + 32).toString(16).repeat(32) }), i);
      expect(report.failures.filter((f) => f.kind === 'wrong-transition').map((f) => f.step)).toEqual(report.checkedSteps);
    }
  });

  it.each(['init', 'lr', 'optimizer'] as const)('C6 wrong %s', (which) => {
    const cheat = wrongHyperparameterCheater(h.trainer, { which, dataset: h.dataset });
    const kinds = caughtEveryTime(() => cheat);
    expect(kinds).toContain(which === 'init' ? 'wrong-init' : 'wrong-transition');
  });

  it('C9 withholding: every unanswered challenge is recorded', () => {
    const kinds = caughtEveryTime(() => withholdingSolver(h.publication));
    expect([...kinds]).toEqual(['withheld']);
    // Answering only the always-checked transitions does not help: the random ones are withheld.
    expect(verify(withholdingSolver(h.publication, new Set([0, 32, 64, 96, 127])), 1).failures.some((f) => f.kind === 'withheld')).toBe(true);
  });
});
