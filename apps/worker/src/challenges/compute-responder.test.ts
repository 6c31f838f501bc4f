import type { ComputeChallengeSpec } from '@tensorgrid/domain';
import { describe, expect, it } from 'vitest';
import { inLoopBatches, LOOPS_PER_BATCH } from './compute-responder';

describe('inLoopBatches', () => {
  it('asks for every loop once, in order, at most LOOPS_PER_BATCH at a time, and keeps leaf order', async () => {
    const asked: number[][] = [];
    const leafOf = (loop: number, tile: number) => new Uint8Array([loop, tile]);
    const digester = inLoopBatches(async (_spec, loops) => {
      asked.push([...loops]);
      return loops.flatMap((l) => [leafOf(l, 0), leafOf(l, 1)]);
    });
    const loops = 2 * LOOPS_PER_BATCH + 3;
    const leaves = await digester({ loops } as ComputeChallengeSpec);
    expect(asked.map((b) => b.length)).toEqual([LOOPS_PER_BATCH, LOOPS_PER_BATCH, 3]);
    expect(asked.flat()).toEqual(Array.from({ length: loops }, (_, i) => i));
    expect(leaves.map((l) => [...l])).toEqual(Array.from({ length: loops }, (_, l) => [[l % 256, 0], [l % 256, 1]]).flat());
  });
});
