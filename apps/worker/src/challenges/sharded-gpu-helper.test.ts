import { computeLoopDigests, computeLoopLeaf, drawMemoryProbes, planComputeChallenge, planMemoryChallenge, planPowChallenge, solvePow } from '@tensorgrid/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { startGpuHelper } from './gpu-helper';
import { MemoryResponder } from './memory-responder';
import { evenRanges, shardGpuHelpers } from './sharded-gpu-helper';
import { TINY_COMPUTE_POLICY, TINY_MEMORY_POLICY } from './tiny-challenge-policies';
import { writeWrongChallengeVectors } from './wrong-challenge-vectors';

const SEED = 'c3'.repeat(32);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('evenRanges', () => {
  it('covers every item once, in order, the first ranges one longer, and leaves out empty ones', () => {
    expect(evenRanges(10, 3)).toEqual([{ part: 0, first: 0, count: 4 }, { part: 1, first: 4, count: 3 }, { part: 2, first: 7, count: 3 }]);
    expect(evenRanges(2, 4)).toEqual([{ part: 0, first: 0, count: 1 }, { part: 1, first: 1, count: 1 }]);
    expect(evenRanges(0, 2)).toEqual([]);
  });
});

describe('shardGpuHelpers over three helpers (their pure-Python path, tiny sizes)', () => {
  const helpers = [0, 1, 2].map(() => startGpuHelper({ device: 'cpu' }));
  const sharded = shardGpuHelpers(helpers);
  afterAll(() => sharded.close());

  it('fills a share of the pages on each card and answers every probe as one card holding all of them would', async () => {
    const spec = planMemoryChallenge({ claim: { memoryBytes: 16 * 1024 }, policy: TINY_MEMORY_POLICY, seed: SEED });
    const probes = drawMemoryProbes({ spec, seed: SEED });
    const reference = new MemoryResponder(spec);
    reference.fillSync();
    await sharded.fill(spec);
    expect(await sharded.answer(probes)).toEqual(reference.answer(probes));
    // Each card holds only its share: the middle one refuses a page of the first one's.
    await expect(helpers[1]!.answer([{ page: 0, word: 0 }])).rejects.toMatchObject({ code: 'INTERNAL' });
    await sharded.release();
    await expect(sharded.answer(probes)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('answer before fill') });
  });

  it('splits compute loops between the cards and returns their leaves and tiles in loop order', async () => {
    const spec = planComputeChallenge({ claim: { flops: 1e5 }, policy: TINY_COMPUTE_POLICY, seed: SEED });
    const loops = [0, 1, 2, 3, 5];
    expect((await sharded.loopLeaves(spec, loops)).map(hex)).toEqual(loops.map((l) => hex(computeLoopLeaf(computeLoopDigests(spec, l)))));
    expect((await sharded.loopTiles(spec, loops)).map((tiles) => tiles.map(hex))).toEqual(loops.map((l) => computeLoopDigests(spec, l).map(hex)));
  });

  it('answers a proof-of-work with the reference nonces (the first card scans: the puzzle is sized to one card at most)', async () => {
    const spec = planPowChallenge({ claim: { hashesPerSecond: 2000 }, deviceId: 'multi-gpu', seed: SEED });
    expect((await sharded.pow(spec, { budgetMs: 60_000 })).nonces).toEqual(solvePow(spec));
  });

  it('passes its selftest only if every card does, naming the card that fails', async () => {
    expect(await sharded.selftest()).toEqual({ ok: true, failures: [], failedKinds: [], products: 'python' });
    const vectors = writeWrongChallengeVectors();
    const broken = shardGpuHelpers([startGpuHelper({ device: 'cpu' }), startGpuHelper({ device: 'cpu', vectorsPath: vectors.path })]);
    try {
      expect(await broken.selftest()).toEqual({ ok: false, failures: [expect.stringMatching(/^GPU 1: compute loop 1 of /)], failedKinds: ['compute'], products: 'python' });
    } finally {
      await broken.close();
      vectors.remove();
    }
  });

  it('reports TF32 products when any card multiplies on TF32: that card holds the whole device back', async () => {
    const onTf32 = { ...helpers[1]!, selftest: async () => ({ ...(await helpers[1]!.selftest()), products: 'tf32' as const }) };
    expect((await shardGpuHelpers([helpers[0]!, onTf32]).selftest()).products).toBe('tf32');
    expect((await shardGpuHelpers([helpers[0]!, helpers[1]!]).selftest()).products).toBe('python');
  });

  it('leaves out a proof-of-work failure of any card but the first, which alone answers proof-of-work', async () => {
    const vectors = writeWrongChallengeVectors('pow');
    const secondWrong = shardGpuHelpers([startGpuHelper({ device: 'cpu' }), startGpuHelper({ device: 'cpu', vectorsPath: vectors.path })]);
    const firstWrong = shardGpuHelpers([startGpuHelper({ device: 'cpu', vectorsPath: vectors.path }), startGpuHelper({ device: 'cpu' })]);
    try {
      expect(await secondWrong.selftest()).toEqual({ ok: true, failures: [], failedKinds: [], ignoredPowFailures: [expect.stringMatching(/^GPU 1: pow /)], products: 'python' });
      expect(await firstWrong.selftest()).toEqual({ ok: false, failures: [expect.stringMatching(/^GPU 0: pow /)], failedKinds: ['pow'], products: 'python' });
    } finally {
      await Promise.all([secondWrong.close(), firstWrong.close()]);
      vectors.remove();
    }
  });
});
