import { describe, expect, it } from 'vitest';
import { checkTimestamp } from './check-timestamp';

const NOW_S = 1_700_000_000;
const NOW_MS = NOW_S * 1000;
const TOLERANCE_S = 300;

describe('checkTimestamp', () => {
  it('accepts the current second', () => {
    expect(checkTimestamp(NOW_S, NOW_MS, TOLERANCE_S)).toEqual({ kind: 'fresh' });
  });

  it('accepts a timestamp exactly the tolerance in the past or the future', () => {
    expect(checkTimestamp(NOW_S - TOLERANCE_S, NOW_MS, TOLERANCE_S)).toEqual({ kind: 'fresh' });
    expect(checkTimestamp(NOW_S + TOLERANCE_S, NOW_MS, TOLERANCE_S)).toEqual({ kind: 'fresh' });
  });

  it('refuses a timestamp one second past the tolerance, with a positive skew for the past', () => {
    expect(checkTimestamp(NOW_S - TOLERANCE_S - 1, NOW_MS, TOLERANCE_S)).toEqual({ kind: 'expired', skewS: 301 });
  });

  it('refuses a timestamp one second past the tolerance, with a negative skew for the future', () => {
    expect(checkTimestamp(NOW_S + TOLERANCE_S + 1, NOW_MS, TOLERANCE_S)).toEqual({ kind: 'expired', skewS: -301 });
  });

  it('refuses a timestamp even half a second past the tolerance, either way (no rounding)', () => {
    expect(checkTimestamp(NOW_S - TOLERANCE_S, NOW_MS + 1, TOLERANCE_S)).toMatchObject({ kind: 'expired' });
    expect(checkTimestamp(NOW_S - TOLERANCE_S, NOW_MS + 499, TOLERANCE_S)).toMatchObject({ kind: 'expired' });
    expect(checkTimestamp(NOW_S + TOLERANCE_S, NOW_MS - 500, TOLERANCE_S)).toMatchObject({ kind: 'expired' });
  });

  it('reports the skew in whole seconds', () => {
    expect(checkTimestamp(NOW_S - 3600, NOW_MS + 200, TOLERANCE_S)).toEqual({ kind: 'expired', skewS: 3600 });
  });

  it('with zero tolerance accepts only the same second', () => {
    expect(checkTimestamp(NOW_S, NOW_MS, 0)).toEqual({ kind: 'fresh' });
    expect(checkTimestamp(NOW_S - 1, NOW_MS, 0)).toEqual({ kind: 'expired', skewS: 1 });
  });

  it('refuses a timestamp that is not a number', () => {
    expect(checkTimestamp(Number.NaN, NOW_MS, TOLERANCE_S).kind).toBe('expired');
  });
});
