import { describe, expect, it } from 'vitest';
import { clockSkewCheck } from './clock-skew-check';

describe('clockSkewCheck', () => {
  const run = async (skew: number | undefined) => {
    const warnings: { obj: unknown; msg: string }[] = [];
    const measured = await clockSkewCheck({ measure: async () => skew, toleranceMs: 30_000, log: { warn: (obj: unknown, msg: string) => warnings.push({ obj, msg }) } as never })();
    return { measured, warnings };
  };

  it('warns when this clock is off the database\'s by more than the tolerance, either way, and says which way', async () => {
    const behind = await run(45_000);
    expect(behind.measured).toBe(45_000);
    expect(behind.warnings).toEqual([{ obj: { skewMs: 45_000, toleranceMs: 30_000 }, msg: expect.stringContaining('45 s behind the database') }]);
    expect((await run(-31_000)).warnings[0]!.msg).toContain('31 s ahead of the database');
  });

  it('stays quiet within the tolerance and where there is no other clock', async () => {
    for (const skew of [0, 29_999, -30_000, undefined]) expect((await run(skew)).warnings).toEqual([]);
  });
});
