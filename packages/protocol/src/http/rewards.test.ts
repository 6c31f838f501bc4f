import { describe, expect, it } from 'vitest';
import { listRewardBlocksQuerySchema, missCriterionSchema, rewardAccountParamsSchema, rewardBlockParamsSchema } from './rewards';

describe('reward schemas', () => {
  it('accepts every miss criterion the nomination rules produce', () => {
    for (const c of [
      { code: 'not-up', upMs: 1, requiredMs: 2 },
      { code: 'uptime-streak-short', streakMs: 1, requiredMs: 2 },
      { code: 'challenges-failed', failed: 1, allowed: 0 },
      { code: 'no-challenge-passed', lookbackMs: 3 },
      { code: 'stake-below-minimum', stake: '0', minimum: '200000000000000000000' },
      { code: 'blocked' },
      { code: 'simulated' },
    ]) expect(missCriterionSchema.parse(c)).toEqual(c);
    expect(missCriterionSchema.safeParse({ code: 'stake-below-minimum', stake: '-1', minimum: '1' }).success).toBe(false);
  });

  it('validates paths and queries', () => {
    expect(rewardBlockParamsSchema.parse({ n: '12' })).toEqual({ n: 12 });
    expect(rewardBlockParamsSchema.safeParse({ n: '-1' }).success).toBe(false);
    expect(rewardAccountParamsSchema.safeParse({ address: '0x12' }).success).toBe(false);
    expect(listRewardBlocksQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(listRewardBlocksQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(listRewardBlocksQuerySchema.safeParse({ page: '1' }).success).toBe(false);
  });
});
