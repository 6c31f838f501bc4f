import { describe, expect, it } from 'vitest';
import { median, throughputMBps } from './measure-stats';

describe('median', () => {
  it('takes the middle sample, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNaN();
  });
});

describe('throughputMBps', () => {
  it('divides bytes by time', () => {
    expect(throughputMBps({ bytes: 2_000_000, elapsedMs: 1000 })).toBe(2);
    expect(throughputMBps({ bytes: 1_000_000, elapsedMs: 0.5 })).toBe(2000);
    expect(throughputMBps({ bytes: 1000, elapsedMs: 0 })).toBeCloseTo(1000, 9);
  });
});
