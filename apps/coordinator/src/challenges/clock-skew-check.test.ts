import { describe, expect, it } from 'vitest';
import { clockSkewCheck } from './clock-skew-check';

describe('clockSkewCheck', () => {
  const run = async (skew: number | undefined) => {
    const warnings: { obj: unknown; msg: string }[] = [];
    const check = clockSkewCheck({ measure: async () => skew, toleranceMs: 30_000, log: { warn: (obj: unknown, msg: string) => warnings.push({ obj, msg }) } as never });
    const measured = await check.check();
    return { measured, warnings, offBy: check.offBy() };
  };

  it('warns when this clock is off the database\'s by more than the tolerance, either way, and says which way', async () => {
    const behind = await run(45_000);
    expect(behind.measured).toBe(45_000);
    expect(behind.warnings).toEqual([{ obj: { skewMs: 45_000, toleranceMs: 30_000 }, msg: expect.stringContaining('45 s behind the database') }]);
    expect(behind.offBy).toBe(45_000);
    const ahead = await run(-31_000);
    expect(ahead.warnings[0]!.msg).toContain('31 s ahead of the database');
    expect(ahead.offBy).toBe(-31_000);
  });

  it('stays quiet within the tolerance and where there is no other clock', async () => {
    for (const skew of [0, 29_999, -30_000, undefined]) {
      const { warnings, offBy } = await run(skew);
      expect(warnings).toEqual([]);
      expect(offBy).toBeUndefined();
    }
  });

  it('clears its finding once the clock is back, and keeps it when a measurement fails', async () => {
    const skews: Array<number | Error> = [50_000, new Error('database gone'), 1_000];
    const check = clockSkewCheck({ measure: async () => { const s = skews.shift()!; if (s instanceof Error) throw s; return s; }, toleranceMs: 30_000, log: { warn: () => undefined } as never });
    await check.check();
    expect(check.offBy()).toBe(50_000);
    await expect(check.check()).rejects.toThrow('database gone');
    expect(check.offBy()).toBe(50_000);
    await check.check();
    expect(check.offBy()).toBeUndefined();
  });
});
