import { createTrainer, lanesReduction, shuffledReduction, train } from '@tensorgrid/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { beaconOf, honestSetup } from '../../test/jobs';
import { skippedStepsCheater } from '../adversaries/skipped-steps';
import { tinyBiasCheater } from '../adversaries/tiny-bias';
import { openTransition } from '../prover/open-transition';
import { honestPublication } from '../prover/honest-publication';
import { verifyCommitment } from '../verifier/verify-commitment';
import { calibrateTolerance } from './calibrate-tolerance';
import { checkTransitionTolerant } from './check-transition-tolerant';

let h: ReturnType<typeof honestSetup>;
let tau: number;
beforeAll(() => {
  h = honestSetup();
  const states = Array.from({ length: 16 }, (_, i) => openTransition(h.trainer, h.run, i * 8).state);
  tau = calibrateTolerance({ job: h.job, dataset: h.dataset, states }).tau;
});

describe('calibrateTolerance (§6.6 profiling)', () => {
  it('sets τ = c × the largest honest ε under reversed, laned and shuffled orders', () => {
    const states = [0, 40, 100].map((t) => openTransition(h.trainer, h.run, t).state);
    const cal = calibrateTolerance({ job: h.job, dataset: h.dataset, states, factor: 10 });
    expect(cal.perSetting.map((s) => s.name)).toEqual(['reversed', 'lanes4', 'shuffled-1', 'shuffled-2', 'shuffled-3']);
    expect(cal.epsilons).toHaveLength(15);
    expect(cal.maxEpsilon).toBe(Math.max(...cal.epsilons));
    expect(cal.maxEpsilon).toBeGreaterThan(0); // other orders are not bit-exact…
    expect(cal.maxEpsilon).toBeLessThan(1e-3); // …but far from a skipped step (ε = 1)
    expect(cal.tau).toBeCloseTo(10 * cal.maxEpsilon, 15);
    expect(() => calibrateTolerance({ job: h.job, dataset: h.dataset, states: [] })).toThrow(RangeError);
    expect(() => calibrateTolerance({ job: h.job, dataset: h.dataset, states, factor: 0.5 })).toThrow(RangeError);
  });
});

describe('tolerant mode', () => {
  it('passes honest solvers whose kernels sum in another order (H1), which exact mode fails', () => {
    for (const [i, reduction] of [lanesReduction(4), shuffledReduction(9)].entries()) {
      const noisy = createTrainer(h.job, h.dataset, { reduction });
      // A nondeterministic solver cannot recompute its states from checkpoints (the shuffled
      // order differs on every call), so it keeps every state.
      const run = train(noisy, { checkpointEvery: 1 });
      const pub = honestPublication(noisy, run);
      const base = { trainer: h.trainer, commitment: pub, beacon: beaconOf(i), open: pub.open, openFinal: pub.openFinal };
      expect(verifyCommitment({ ...base, mode: { kind: 'tolerant', tau } })).toMatchObject({ passed: true, failures: [] });
      expect(verifyCommitment(base).failures.some((f) => f.kind === 'wrong-transition')).toBe(true);
    }
  });

  it('fails a skipped step (ε ≈ 1) and an opening whose W_{t+1} is missing or not its leaf', () => {
    const cheat = skippedStepsCheater({ trainer: h.trainer, dataset: h.dataset, fraction: 0.01, variant: 'no-op', seed: 'tolerant' });
    const t = cheat.fakeSteps[0]!;
    const verdict = checkTransitionTolerant(h.trainer, cheat.open(t)!, { tau });
    expect(verdict).toMatchObject({ kind: 'over-tolerance', step: t });
    expect(verdict.kind === 'over-tolerance' && verdict.epsilon).toBeGreaterThan(0.99);
    const honest = h.publication.open(10)!;
    expect(checkTransitionTolerant(h.trainer, honest, { tau })).toMatchObject({ kind: 'valid' });
    expect(checkTransitionTolerant(h.trainer, { ...honest, nextState: undefined }, { tau })).toEqual({ kind: 'state-mismatch', step: 10, which: 'after' });
    expect(checkTransitionTolerant(h.trainer, { ...honest, nextState: h.publication.open(11)!.nextState }, { tau })).toEqual({ kind: 'state-mismatch', step: 10, which: 'after' });
    expect(checkTransitionTolerant(h.trainer, { ...honest, proof: h.publication.open(11)!.proof }, { tau })).toEqual({ kind: 'bad-proof', step: 10 });
  });

  it('C7: a bias just under τ every step passes tolerant mode (the documented budget) and fails exact mode on every transition', () => {
    const under = tinyBiasCheater(h.trainer, { budget: tau / 2 });
    const base = { trainer: h.trainer, commitment: under, beacon: beaconOf(3), open: under.open, openFinal: under.openFinal };
    expect(verifyCommitment({ ...base, mode: { kind: 'tolerant', tau } }).passed).toBe(true);
    const exact = verifyCommitment(base);
    expect(exact.failures.filter((f) => f.kind === 'wrong-transition').map((f) => f.step)).toEqual(exact.checkedSteps);
    // The drift it bought is bounded by τ · Σ‖ΔW_t‖ (here ≤ τ/2 of the path length).
    expect(under.drift).toBeGreaterThan(0);
    const over = tinyBiasCheater(h.trainer, { budget: 3 * tau });
    expect(verifyCommitment({ ...base, commitment: over, open: over.open, openFinal: over.openFinal, mode: { kind: 'tolerant', tau } }).passed).toBe(false);
  });
});
