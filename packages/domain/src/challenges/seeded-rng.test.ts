import { describe, expect, it } from 'vitest';
import { deriveSeed, seedBytes } from './challenge-seed';
import { createSeededRng, sampleDistinct } from './seeded-rng';

const SEED = '01'.repeat(32);

describe('createSeededRng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = createSeededRng(SEED);
    const b = createSeededRng(SEED);
    const c = createSeededRng('02'.repeat(32));
    const xs = Array.from({ length: 20 }, () => a.nextU32());
    expect(Array.from({ length: 20 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.nextU32())).not.toEqual(xs);
  });

  it('draws below n, roughly uniformly', () => {
    const rng = createSeededRng(SEED);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[rng.below(3)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });

  it('samples distinct values, all of them when k >= n', () => {
    const s = sampleDistinct(createSeededRng(SEED), { k: 50, n: 1_000_000 });
    expect(new Set(s).size).toBe(50);
    expect(sampleDistinct(createSeededRng(SEED), { k: 10, n: 5 }).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('seeds', () => {
  it('derives distinct child seeds and rejects malformed seeds with VALIDATION_FAILED', () => {
    expect(deriveSeed(SEED, 'a')).not.toBe(deriveSeed(SEED, 'b'));
    expect(deriveSeed(SEED, 'a')).toMatch(/^[0-9a-f]{64}$/);
    expect(() => seedBytes('0x' + '00'.repeat(31))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
