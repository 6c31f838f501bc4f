import { describe, expect, it } from 'vitest';
import { checkMemoryAnswers } from './check-memory-answers';
import { generateMemoryPage, readMemoryAnswer } from './memory-page';
import { DEVNET_MEMORY_POLICY, memoryDeadlineMs, type MemoryChallengePolicy } from './memory-policy';
import { validateMemorySpec, type MemoryChallengeSpec, type MemoryProbe } from './memory-spec';
import { drawMemoryProbes, planMemoryChallenge } from './plan-memory-challenge';

const SEED = '5e'.repeat(32);
const MiB = 1024 * 1024;
/** Tiny pages so the tests regenerate everything in milliseconds. */
const TINY: MemoryChallengePolicy = { ...DEVNET_MEMORY_POLICY, scale: 1, pageBytes: 1024, rounds: 2, probes: 64, minPages: 4 };

function honestAnswers(spec: MemoryChallengeSpec, probes: readonly MemoryProbe[]): string[] {
  const pages = new Map<number, Uint32Array>();
  return probes.map((p) => {
    const page = pages.get(p.page) ?? generateMemoryPage(spec, p.page);
    pages.set(p.page, page);
    return readMemoryAnswer(page, p, spec.probeWords);
  });
}

describe('generateMemoryPage', () => {
  it('matches a known answer computed by an independent Python implementation', () => {
    const page = generateMemoryPage({ seed: 'ab'.repeat(32), pageWords: 256, rounds: 2 }, 3);
    expect([...page.slice(0, 4)].map((w) => w.toString(16).padStart(8, '0'))).toEqual(['54f9573d', '5521c805', 'f67f8a88', 'b864e553']);
    expect(page[255]!.toString(16)).toBe('73a5b62');
  });

  it('differs per page and per seed, and is deterministic', () => {
    const spec = { seed: SEED, pageWords: 256, rounds: 2 };
    expect(generateMemoryPage(spec, 0)).toEqual(generateMemoryPage(spec, 0));
    expect(generateMemoryPage(spec, 0)).not.toEqual(generateMemoryPage(spec, 1));
    expect(generateMemoryPage({ ...spec, seed: '00'.repeat(32) }, 0)).not.toEqual(generateMemoryPage(spec, 0));
  });
});

describe('planMemoryChallenge', () => {
  it('sizes pages from claim × scale and derives the deadline from the policy only', () => {
    const spec = planMemoryChallenge({ claim: { memoryBytes: 4096 * MiB }, seed: SEED });
    expect(spec).toMatchObject({ kind: 'memory', version: 1, pages: 256, pageWords: 16384, rounds: 16, probes: 1024, probeWords: 4 });
    expect(spec.deadlineMs).toBeCloseTo(memoryDeadlineMs(DEVNET_MEMORY_POLICY, 1024), 9);
    expect(spec.seed).not.toBe(SEED);
    expect(planMemoryChallenge({ claim: { memoryBytes: 4096 * MiB }, seed: SEED })).toEqual(spec);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it('rejects claims outside the policy with VALIDATION_FAILED', () => {
    const bad = [{ memoryBytes: 1 * MiB }, { memoryBytes: 2 ** 51 }, { memoryBytes: Number.NaN }, { memoryBytes: -1 }];
    for (const claim of bad) expect(() => planMemoryChallenge({ claim, seed: SEED })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => planMemoryChallenge({ claim: { memoryBytes: 4096 * MiB }, seed: 'nope' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('draws probes deterministically from the secret seed, inside the page', () => {
    const spec = planMemoryChallenge({ claim: { memoryBytes: 64 * 1024 }, policy: TINY, seed: SEED });
    const probes = drawMemoryProbes({ spec, seed: SEED });
    expect(probes).toHaveLength(64);
    expect(drawMemoryProbes({ spec, seed: SEED })).toEqual(probes);
    expect(drawMemoryProbes({ spec, seed: '11'.repeat(32) })).not.toEqual(probes);
    for (const p of probes) {
      expect(p.page).toBeLessThan(spec.pages);
      expect(p.word + spec.probeWords).toBeLessThanOrEqual(spec.pageWords);
    }
  });
});

describe('validateMemorySpec', () => {
  const spec = planMemoryChallenge({ claim: { memoryBytes: 64 * 1024 }, policy: TINY, seed: SEED });
  it('accepts a planned spec and rejects absurd ones', () => {
    expect(validateMemorySpec(spec)).toBe(spec);
    const bad: unknown[] = [null, { ...spec, kind: 'compute' }, { ...spec, seed: 'x' }, { ...spec, pageWords: 1000 }, { ...spec, pages: 2 ** 40 }, { ...spec, rounds: 1 }, { ...spec, probes: 0 }];
    for (const s of bad) expect(() => validateMemorySpec(s)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => validateMemorySpec(spec, { maxBytes: 1024 })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('checkMemoryAnswers', () => {
  const spec = planMemoryChallenge({ claim: { memoryBytes: 64 * 1024 }, policy: TINY, seed: SEED });
  const probes = drawMemoryProbes({ spec, seed: SEED });
  const answers = honestAnswers(spec, probes);
  const check = (over: Partial<Parameters<typeof checkMemoryAnswers>[0]>) => checkMemoryAnswers({ spec, probes, answers, elapsedMs: 1, seed: SEED, ...over });

  it('passes honest answers in time, with metrics', () => {
    const v = check({});
    expect(v).toMatchObject({ passed: true, reason: null });
    expect(v.metrics).toMatchObject({ elapsedMs: 1, probes: 64, bytes: 64 * 1024, probesChecked: 32, wrongAnswers: 0 });
    expect(v.metrics.pagesChecked).toBeGreaterThan(0);
  });

  it('fails late answers with deadline-missed (elapsed is passed in, never measured)', () => {
    expect(check({ elapsedMs: spec.deadlineMs })).toMatchObject({ passed: true });
    expect(check({ elapsedMs: spec.deadlineMs + 0.001 })).toMatchObject({ passed: false, reason: 'deadline-missed' });
    expect(check({ elapsedMs: Number.NaN })).toMatchObject({ passed: false, reason: 'deadline-missed' });
  });

  it('fails garbage with wrong-answer, even when early', () => {
    expect(check({ answers: answers.map(() => '0'.repeat(32)) })).toMatchObject({ passed: false, reason: 'wrong-answer' });
  });

  it('catches half the answers guessed for every tried seed (escape 2^-32)', () => {
    const half = answers.map((a, i) => (i % 2 ? 'f'.repeat(32) : a));
    for (let s = 0; s < 20; s++) expect(check({ answers: half, seed: s.toString(16).padStart(64, '0') }).reason).toBe('wrong-answer');
  });

  it('fails missing and malformed answers', () => {
    expect(check({ answers: answers.slice(1) })).toMatchObject({ passed: false, reason: 'no-answer' });
    expect(check({ answers: [...answers.slice(1), 'XYZ'] })).toMatchObject({ passed: false, reason: 'malformed-answer' });
  });
});
