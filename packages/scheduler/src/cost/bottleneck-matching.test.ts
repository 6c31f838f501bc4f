import { describe, expect, it } from 'vitest';
import { createRng } from '../search/rng';
import { bottleneckMatching, bottleneckValue } from './bottleneck-matching';
import type { CostModel } from './cost-model';

/** A model whose pipeline links are random, to compare with brute force. */
function randomModel(n: number, seed: number): CostModel {
  const rng = createRng(seed);
  const ppLink = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) ppLink[i * n + j] = ppLink[j * n + i] = Math.round(rng.next() * 20) / 4;
  return { n, dPP: 2, dDP: n / 2, dpLink: new Float64Array(n * n), ppLink, computeS: null };
}

function permutations(k: number): number[][] {
  if (k === 0) return [[]];
  return permutations(k - 1).flatMap((p) => Array.from({ length: k }, (_, i) => [...p.slice(0, i), k - 1, ...p.slice(i)]));
}

describe('bottleneckMatching', () => {
  it('equals the brute-force minimum over all perfect matchings of the largest link', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const model = randomModel(12, seed);
      const a = [0, 1, 2, 3, 4, 5];
      const b = [6, 7, 8, 9, 10, 11];
      const brute = Math.min(...permutations(6).map((p) => Math.max(...p.map((j, i) => model.ppLink[a[i]! * 12 + b[j]!]!))));
      expect(bottleneckValue(model, a, b)).toBe(brute);
    }
  });

  it('returns a perfect matching whose every link is within the value', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const model = randomModel(16, seed);
      const a = [0, 2, 4, 6, 8, 10, 12, 14];
      const b = [1, 3, 5, 7, 9, 11, 13, 15];
      const { value, match } = bottleneckMatching(model, a, b);
      expect(new Set(match).size).toBe(8);
      const links = a.map((d, i) => model.ppLink[d * 16 + b[match[i]!]!]!);
      expect(Math.max(...links)).toBe(value);
    }
  });
});
