import { checkComputeOpenings, checkMemoryAnswers, drawComputeSamples, drawMemoryProbes, planComputeChallenge, planMemoryChallenge } from '@tensorgrid/domain';
import { describe, expect, it } from 'vitest';
import { TINY_COMPUTE_POLICY as TINY_COMPUTE, TINY_MEMORY_POLICY as TINY_MEMORY } from '../tiny-challenge-policies';
import { CappedMemoryResponder } from './capped-memory-responder';
import { answerComputeAsIdentities, answerMemoryAsIdentities } from './identities-on-one-machine';
import { respondComputeWithinBudget } from './respond-compute-within-budget';

const SEED = '99'.repeat(32);
/** A clock that advances `step` ms per reading: deterministic, machine-independent. */
const ticking = (step: number) => {
  let t = 0;
  return () => (t += step);
};

describe('CappedMemoryResponder (claims 2× its memory)', () => {
  const spec = planMemoryChallenge({ claim: { memoryBytes: 64 * 1024 }, policy: TINY_MEMORY, seed: SEED });
  const probes = drawMemoryProbes({ spec, seed: SEED });

  it('passes the answer check only when given unlimited time: the deadline is what catches it', () => {
    const r = new CappedMemoryResponder(spec, { holdFraction: 0.5 });
    r.fillSync();
    const answers = r.answer(probes, { budgetMs: Number.POSITIVE_INFINITY });
    expect(r.guessed).toBe(0);
    expect(r.regenerated).toBeGreaterThan(0);
    expect(checkMemoryAnswers({ spec, probes, answers, elapsedMs: 1, seed: SEED }).passed).toBe(true);
  });

  it('guesses once its budget is spent and fails with wrong-answer', () => {
    const r = new CappedMemoryResponder(spec, { holdFraction: 0.5, now: ticking(1) });
    r.fillSync();
    const answers = r.answer(probes, { budgetMs: 3 });
    expect(r.regenerated).toBeLessThanOrEqual(3);
    expect(r.guessed).toBeGreaterThan(probes.length / 4);
    expect(checkMemoryAnswers({ spec, probes, answers, elapsedMs: 1, seed: SEED })).toMatchObject({ passed: false, reason: 'wrong-answer' });
  });
});

describe('respondComputeWithinBudget (claims 2× its rate)', () => {
  const spec = planComputeChallenge({ claim: { flops: 1e5 }, policy: TINY_COMPUTE, seed: SEED });
  const samples = drawComputeSamples({ spec, seed: SEED });

  it('is honest with an unlimited budget', () => {
    const r = respondComputeWithinBudget(spec, { budgetMs: Number.POSITIVE_INFINITY });
    expect(r.loopsFaked).toBe(0);
    expect(checkComputeOpenings({ spec, commitment: r.commitment, samples, openings: r.open(samples), elapsedMs: 1 }).passed).toBe(true);
  });

  it('fakes the loops it has no time for and fails with wrong-answer', () => {
    const r = respondComputeWithinBudget(spec, { budgetMs: 10, now: ticking(1) });
    expect(r.loopsFaked).toBeGreaterThan(spec.loops / 2);
    expect(checkComputeOpenings({ spec, commitment: r.commitment, samples, openings: r.open(samples), elapsedMs: 1 })).toMatchObject({ passed: false, reason: 'wrong-answer' });
  });
});

describe('one machine as N identities', () => {
  it('lets at most one identity through on memory when time is short', () => {
    const seeds = Array.from({ length: 4 }, (_, i) => String(i).repeat(64));
    const specs = seeds.map((seed) => planMemoryChallenge({ claim: { memoryBytes: 64 * 1024 }, policy: TINY_MEMORY, seed }));
    const probes = specs.map((spec, i) => drawMemoryProbes({ spec, seed: seeds[i]! }));
    const out = answerMemoryAsIdentities({ specs, probes, machineBytes: 64 * 1024, now: ticking(1) });
    const verdicts = out.map((o, i) => checkMemoryAnswers({ spec: specs[i]!, probes: probes[i]!, answers: o.answers, elapsedMs: o.elapsedMs, seed: seeds[i]! }));
    expect(verdicts.filter((v) => v.passed).length).toBeLessThanOrEqual(1);
  });

  it('shares one core for compute: later identities fake their loops', () => {
    const seeds = Array.from({ length: 3 }, (_, i) => String(i + 1).repeat(64));
    const specs = seeds.map((seed) => planComputeChallenge({ claim: { flops: 1e5 }, policy: TINY_COMPUTE, seed }));
    const samples = specs.map((spec, i) => drawComputeSamples({ spec, seed: seeds[i]! }));
    const deadline = specs[0]!.deadlineMs;
    // Each loop "takes" deadline / 8 ms on this clock: one identity's work fits, three do not.
    const out = answerComputeAsIdentities({ specs, samples, now: ticking(deadline / 40) });
    const verdicts = out.map((o, i) => checkComputeOpenings({ spec: specs[i]!, commitment: { root: o.root, deviceElapsedMs: 0 }, samples: samples[i]!, openings: o.openings, elapsedMs: o.elapsedMs }));
    expect(verdicts.filter((v) => !v.passed).length).toBeGreaterThanOrEqual(2);
  });
});
