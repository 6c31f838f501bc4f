import { describe, expect, it } from 'vitest';
import { connectivityTier } from './connectivity-tier';

describe('connectivityTier', () => {
  it.each([
    [{ downMBps: 1600, upMBps: 1200 }, 1],
    [{ downMBps: 5000, upMBps: 1199 }, 2],
    [{ downMBps: 800, upMBps: 600 }, 2],
    [{ downMBps: 799, upMBps: 5000 }, 3],
    [{ downMBps: 400, upMBps: 300 }, 3],
    [{ downMBps: 100, upMBps: 10 }, 4],
    [{ downMBps: 99, upMBps: 100 }, 'unranked'],
    [{ downMBps: 0, upMBps: 0 }, 'unranked'],
  ] as const)('%o → tier %s (both directions must meet it)', (measured, tier) => {
    expect(connectivityTier(measured)).toBe(tier);
  });

  it('scales every threshold', () => {
    expect(connectivityTier({ downMBps: 16, upMBps: 12 }, 0.01)).toBe(1);
    expect(connectivityTier({ downMBps: 16, upMBps: 12 })).toBe('unranked');
  });
});
