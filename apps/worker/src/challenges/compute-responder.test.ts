import type { ComputeChallengeSpec } from '@tensorgrid/domain';
import { describe, expect, it } from 'vitest';
import { inLoopBatches, LOOPS_PER_BATCH } from './compute-responder';

describe('inLoopBatches', () => {
  it('asks for every loop once, in order, at most LOOPS_PER_BATCH at a time, and keeps loop order', async () => {
    const asked: number[][] = [];
    const leaves = inLoopBatches(async (_spec, loops) => {
      asked.push([...loops]);
      return loops.map((l) => new Uint8Array([l & 255, l >> 8]));
    });
    const loops = 2 * LOOPS_PER_BATCH + 3;
    const got = await leaves({ loops } as ComputeChallengeSpec);
    expect(asked.map((b) => b.length)).toEqual([LOOPS_PER_BATCH, LOOPS_PER_BATCH, 3]);
    expect(asked.flat()).toEqual(Array.from({ length: loops }, (_, i) => i));
    expect(got.map((l) => [...l])).toEqual(Array.from({ length: loops }, (_, l) => [l & 255, l >> 8]));
  });
});
