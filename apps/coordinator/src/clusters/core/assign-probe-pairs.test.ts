import { describe, expect, it } from 'vitest';
import { assignProbePairs, pairKey } from './assign-probe-pairs';

describe('assignProbePairs', () => {
  it.each([2, 3, 4, 7, 16, 64])('covers every unordered pair of %i devices once, each device probing about half its peers', (n) => {
    const devices = Array.from({ length: n }, (_, i) => `d${i}`);
    const pairs = assignProbePairs(devices);
    expect(pairs).toHaveLength((n * (n - 1)) / 2);
    expect(new Set(pairs.map((p) => pairKey(p.prober, p.target))).size).toBe(pairs.length);
    for (const d of devices) {
      const probes = pairs.filter((p) => p.prober === d).length;
      expect(Math.abs(probes - (n - 1) / 2)).toBeLessThanOrEqual(1);
    }
  });

  it('leaves out the pairs it is told to skip, whichever way round they were keyed', () => {
    const pairs = assignProbePairs(['a', 'b', 'c'], new Set([pairKey('c', 'a')]));
    expect(pairs.map((p) => pairKey(p.prober, p.target)).sort()).toEqual(['a|b', 'b|c']);
  });
});
