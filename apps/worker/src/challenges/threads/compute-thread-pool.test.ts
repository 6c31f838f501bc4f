import { computeLoopDigests, computeLoopLeaf, planComputeChallenge } from '@tensorgrid/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_COMPUTE_POLICY } from '../tiny-challenge-policies';
import { splitLoops, startComputeThreadPool } from './compute-thread-pool';

const specOf = (seed: string, loops: number) => ({ ...planComputeChallenge({ claim: { flops: 1e5 }, policy: TINY_COMPUTE_POLICY, seed }), loops });
const reference = (spec: ReturnType<typeof specOf>) => Array.from({ length: spec.loops }, (_, loop) => computeLoopLeaf(computeLoopDigests(spec, loop)));
const hex = (leaves: readonly Uint8Array[]) => leaves.map((l) => Buffer.from(l).toString('hex'));

describe('splitLoops', () => {
  it.each([
    [10, 3, [[0, 4], [4, 7], [7, 10]]],
    [6, 2, [[0, 3], [3, 6]]],
    [2, 4, [[0, 1], [1, 2]]],
    [5, 1, [[0, 5]]],
    [0, 3, []],
  ])('splits %i loops over %i threads', (loops, parts, expected) => {
    expect(splitLoops(loops, parts).map((r) => [r.from, r.to])).toEqual(expected);
  });
});

describe('startComputeThreadPool', () => {
  const pool = startComputeThreadPool(3);
  afterAll(() => pool.close());

  it('gives the reference kernel’s loop leaves in loop order, whatever the split', async () => {
    await pool.ready;
    for (const loops of [1, 3, 7]) {
      const spec = specOf('c1'.repeat(32), loops);
      const leaves = await pool.leaves(spec);
      expect(leaves.every((l) => l.length === 32)).toBe(true);
      expect(hex(leaves)).toEqual(hex(reference(spec)));
    }
  });

  it('answers calls made at once, each with its own challenge’s leaves', async () => {
    const specs = ['d1', 'd2', 'd3'].map((s, i) => specOf(s.repeat(32), 4 + i));
    const answers = await Promise.all(specs.map((spec) => pool.leaves(spec)));
    answers.forEach((leaves, i) => expect(hex(leaves)).toEqual(hex(reference(specs[i]!))));
  });

  it('refuses a pool without threads, and work after close', async () => {
    expect(() => startComputeThreadPool(0)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    const closing = startComputeThreadPool(1);
    await closing.ready;
    await closing.close();
    await expect(closing.leaves(specOf('e1'.repeat(32), 2))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
