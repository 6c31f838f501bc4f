import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval';

describe('wilsonInterval (95 %)', () => {
  it('matches published values', () => {
    // 5/10 and 1/10: the usual textbook examples (e.g. Newcombe 1998, method 3).
    const half = wilsonInterval(5, 10);
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    const tenth = wilsonInterval(1, 10);
    expect(tenth.low).toBeCloseTo(0.0179, 4);
    expect(tenth.high).toBeCloseTo(0.4042, 4);
  });

  it('gives n/(n + z²) as the lower bound of n/n (300 trials → ≥ 98.7 %) and z²/(n + z²) as the upper bound of 0/n', () => {
    const all = wilsonInterval(300, 300);
    expect(all.rate).toBe(1);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(300 / (300 + 1.959963984540054 ** 2), 10);
    expect(all.low).toBeGreaterThan(0.987);
    const none = wilsonInterval(0, 3000);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(1.959963984540054 ** 2 / (3000 + 1.959963984540054 ** 2), 10);
    expect(none.high).toBeLessThan(1.3e-3);
  });

  it('refuses impossible counts and is uninformative with no trials', () => {
    expect(() => wilsonInterval(4, 3)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 3)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 3)).toThrow(RangeError);
    expect(wilsonInterval(0, 0)).toMatchObject({ low: 0, high: 1 });
  });
});
