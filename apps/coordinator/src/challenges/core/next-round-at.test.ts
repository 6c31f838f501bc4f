import { describe, expect, it } from 'vitest';
import { DEFAULT_CHALLENGE_POLICY, nextRoundAt } from './next-round-at';

describe('nextRoundAt', () => {
  it('draws the gap from half to one and a half mean intervals', () => {
    const base = { lastRoundAt: 1_000, lastRoundLoadMs: 60_000 };
    expect(nextRoundAt({ ...base, draw: 0 })).toBe(1_000 + 1_800_000);
    expect(nextRoundAt({ ...base, draw: 0.5 })).toBe(1_000 + 3_600_000);
    expect(nextRoundAt({ ...base, draw: 0.999999 })).toBeLessThan(1_000 + 5_400_000);
  });

  it('stretches the gap so a heavy round keeps the hourly load within the budget', () => {
    // A 30-minute round against a 15-minute-per-hour budget needs a mean gap of 2 h.
    const at = nextRoundAt({ lastRoundAt: 0, lastRoundLoadMs: 30 * 60_000, draw: 0.5 });
    expect(at).toBe(2 * 3_600_000);
    expect((30 * 60_000) / (at / 3_600_000)).toBeLessThanOrEqual(DEFAULT_CHALLENGE_POLICY.maxLoadMsPerHour);
  });

  it('follows a custom policy', () => {
    expect(nextRoundAt({ lastRoundAt: 0, lastRoundLoadMs: 0, draw: 0.5, policy: { meanIntervalMs: 10_000, maxLoadMsPerHour: 900_000, missRetryMs: 1_000 } })).toBe(10_000);
  });
});
