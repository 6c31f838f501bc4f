import { describe, expect, it } from 'vitest';
import { describeMiss } from './describe-miss';

describe('describeMiss', () => {
  it('says how long the look-back was when no challenge passed, and that challenges need the session', () => {
    const text = describeMiss({ code: 'no-challenge-passed', lookbackMs: 24 * 3_600_000 });
    expect(text).toContain('in the last 24 h');
    expect(text).toContain('WebSocket session');
  });

  it('gives the figures and what to do for a short streak and a low stake', () => {
    expect(describeMiss({ code: 'uptime-streak-short', streakMs: 5_400_000, requiredMs: 18_000_000 })).toMatch(/^uptime streak 1\.50 h < 5 h .*keep the worker running/);
    expect(describeMiss({ code: 'stake-below-minimum', stake: '0', minimum: (10n ** 21n).toString() })).toMatch(/tgrid stake <amount>/);
  });
});
