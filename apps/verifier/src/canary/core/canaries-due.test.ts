import { describe, expect, it } from 'vitest';
import { canariesDue } from './canaries-due';

describe('canariesDue', () => {
  it('keeps canaries at ⌊rate × verdicts⌋: at 2 % the first follows the 50th verdict, the second the 100th', () => {
    expect(canariesDue({ verdicts: 0, canaries: 0, rate: 0.02 })).toBe(0);
    expect(canariesDue({ verdicts: 49, canaries: 0, rate: 0.02 })).toBe(0);
    expect(canariesDue({ verdicts: 50, canaries: 0, rate: 0.02 })).toBe(1);
    expect(canariesDue({ verdicts: 99, canaries: 1, rate: 0.02 })).toBe(0);
    expect(canariesDue({ verdicts: 100, canaries: 1, rate: 0.02 })).toBe(1);
    expect(canariesDue({ verdicts: 300, canaries: 2, rate: 0.02 })).toBe(4);
  });

  it('is never negative, is 0 at rate 0, and refuses a rate outside [0, 1] or negative counts', () => {
    expect(canariesDue({ verdicts: 10, canaries: 5, rate: 0.02 })).toBe(0);
    expect(canariesDue({ verdicts: 10_000, canaries: 0, rate: 0 })).toBe(0);
    expect(canariesDue({ verdicts: 3, canaries: 1, rate: 1 })).toBe(2);
    expect(() => canariesDue({ verdicts: 1, canaries: 0, rate: 1.5 })).toThrow(RangeError);
    expect(() => canariesDue({ verdicts: 1, canaries: 0, rate: Number.NaN })).toThrow(RangeError);
    expect(() => canariesDue({ verdicts: -1, canaries: 0, rate: 0.02 })).toThrow(RangeError);
    expect(() => canariesDue({ verdicts: 1, canaries: 0.5, rate: 0.02 })).toThrow(RangeError);
  });
});
