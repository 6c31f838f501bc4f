import { computeLoopDigests, computeLoopLeaf, drawMemoryProbes, generateMemoryPage, leadingZeroBits, planComputeChallenge, planMemoryChallenge, planPowChallenge, powHash, solvePow } from '@tensorgrid/domain';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHALLENGE_VECTORS_PATH, type ChallengeVectors } from './challenge-vectors';
import { detectGpuHelper, startGpuHelper, SYSTEM_PYTHON } from './gpu-helper';
import { MemoryResponder } from './memory-responder';
import { TINY_COMPUTE_POLICY, TINY_MEMORY_POLICY } from './tiny-challenge-policies';
import { writeWrongChallengeVectors } from './wrong-challenge-vectors';

const SEED = 'a1'.repeat(32);
const bytesToHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('detectGpuHelper', () => {
  it('is unavailable without nvidia-smi, without a GPU listed, or without CUDA in torch', async () => {
    expect(await detectGpuHelper({ run: async () => ({ missing: true }) })).toMatchObject({ kind: 'unavailable', why: 'nvidia-smi not installed' });
    expect(await detectGpuHelper({ run: async () => ({ stdout: 'No devices found.' }) })).toMatchObject({ kind: 'unavailable' });
    const noCuda = async (cmd: string) => ({ stdout: cmd === 'nvidia-smi' ? 'GPU 0: NVIDIA H100 (UUID: GPU-1)' : 'False\n' });
    expect(await detectGpuHelper({ run: noCuda })).toMatchObject({ kind: 'unavailable', why: 'torch sees no CUDA device' });
    const failing = async (cmd: string) => {
      if (cmd === 'nvidia-smi') return { stdout: 'GPU 0: NVIDIA H100 (UUID: GPU-1)' };
      throw new Error('ModuleNotFoundError: torch');
    };
    expect(await detectGpuHelper({ run: failing })).toMatchObject({ kind: 'unavailable' });
  });

  it('is available when both say yes', async () => {
    const yes = async (cmd: string) => ({ stdout: cmd === 'nvidia-smi' ? 'GPU 0: NVIDIA H100 (UUID: GPU-1)\n' : 'True\n' });
    expect(await detectGpuHelper({ run: yes })).toEqual({ kind: 'available', python: SYSTEM_PYTHON });
  });
});

describe('challenge_helper.py parity with the TypeScript reference (tiny sizes, CPU)', () => {
  const helper = startGpuHelper({ device: 'cpu' });
  afterAll(() => helper.close());

  it('generates identical memory pages and probe answers', async () => {
    const spec = planMemoryChallenge({ claim: { memoryBytes: 8 * 1024 }, policy: TINY_MEMORY_POLICY, seed: SEED });
    for (const page of [0, 5]) expect([...(await helper.page(spec, page))]).toEqual([...generateMemoryPage(spec, page)]);
    const probes = drawMemoryProbes({ spec, seed: SEED });
    const reference = new MemoryResponder(spec);
    reference.fillSync();
    await helper.fill(spec);
    expect(await helper.answer(probes)).toEqual(reference.answer(probes));
  });

  it('fills a share of the pages when asked, answers probes in it, and refuses probes outside it', async () => {
    const spec = planMemoryChallenge({ claim: { memoryBytes: 16 * 1024 }, policy: TINY_MEMORY_POLICY, seed: SEED });
    const probes = drawMemoryProbes({ spec, seed: SEED });
    const reference = new MemoryResponder(spec);
    reference.fillSync();
    const first = 2;
    const count = spec.pages - 3;
    await helper.fill(spec, { first, count });
    const inside = probes.filter((p) => p.page >= first && p.page < first + count);
    expect(inside.length).toBeGreaterThan(0);
    expect(await helper.answer(inside)).toEqual(reference.answer(inside));
    await expect(helper.answer([{ page: 0, word: 0 }])).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('did not fill') });
    await expect(helper.fill(spec, { first: spec.pages - 1, count: 2 })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('not within') });
  });

  it('computes identical tile digests and loop leaves, in the order of the loops asked for', async () => {
    const spec = planComputeChallenge({ claim: { flops: 1e5 }, policy: TINY_COMPUTE_POLICY, seed: SEED });
    const loops = [3, 0];
    expect((await helper.loopTiles(spec, loops)).map((tiles) => tiles.map(bytesToHex))).toEqual(loops.map((loop) => computeLoopDigests(spec, loop).map(bytesToHex)));
    expect((await helper.loopLeaves(spec, loops)).map(bytesToHex)).toEqual(loops.map((loop) => bytesToHex(computeLoopLeaf(computeLoopDigests(spec, loop)))));
  });

  it('finds the same proof-of-work nonces, from 0 and across the 2^32 boundary of the nonce', async () => {
    const spec = planPowChallenge({ claim: { hashesPerSecond: 3000 }, deviceId: `0x${'c4'.repeat(20)}`, seed: SEED });
    expect(spec.difficultyBits).toBeGreaterThan(1);
    const found = await helper.pow(spec, { budgetMs: 60_000 });
    expect(found.nonces).toEqual(solvePow(spec));
    expect(found.hashes).toBeGreaterThan(found.nonces.at(-1)!);
    // Two nonces below 2^32 at most: the third solution is above it.
    const high = await helper.pow({ ...spec, shares: 3 }, { budgetMs: 60_000, from: 2 ** 32 - 2 });
    expect(high.nonces).toHaveLength(3);
    expect(high.nonces[0]).toBeGreaterThanOrEqual(2 ** 32 - 2);
    expect(high.nonces.at(-1)).toBeGreaterThanOrEqual(2 ** 32);
    expect(high.nonces.every((n) => leadingZeroBits(powHash(spec, n)) >= spec.difficultyBits)).toBe(true);
  });

  it('stops a proof-of-work scan when its budget runs out, with what it found', async () => {
    const spec = planPowChallenge({ claim: { hashesPerSecond: 1e9 }, deviceId: 'slow', seed: SEED });
    const found = await helper.pow(spec, { budgetMs: 50 });
    expect(found.nonces.length).toBeLessThan(spec.shares);
    expect(found.hashes).toBeGreaterThan(0);
    await expect(helper.pow({ ...spec, difficultyBits: 65 }, { budgetMs: 50 })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('difficultyBits') });
  });

  it('passes its selftest against the committed vectors, and names the vector it gets wrong', async () => {
    expect(await helper.selftest()).toEqual({ ok: true, failures: [], failedKinds: [], products: 'python' });
    const vectors = writeWrongChallengeVectors();
    const wrong = startGpuHelper({ device: 'cpu', vectorsPath: vectors.path });
    try {
      const result = await wrong.selftest();
      expect(result.ok).toBe(false);
      expect(result.failures).toEqual([expect.stringMatching(/^compute loop 1 of .*"n": 48/)]);
      expect(result.failedKinds).toEqual(['compute']);
    } finally {
      await wrong.close();
      vectors.remove();
    }
  });

  it('fails a vector whose path raises (a kernel that does not run) under that vector\'s kind, and checks the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-vectors-'));
    const vectors = JSON.parse(readFileSync(CHALLENGE_VECTORS_PATH, 'utf8')) as ChallengeVectors;
    vectors.pow[1]!.spec.difficultyBits = 0;
    writeFileSync(join(dir, 'vectors.json'), JSON.stringify(vectors));
    const raising = startGpuHelper({ device: 'cpu', vectorsPath: join(dir, 'vectors.json') });
    try {
      expect(await raising.selftest()).toEqual({ ok: false, failures: [expect.stringMatching(/^pow from 0 of .*\(ValueError: difficultyBits must be 1\.\.64/)], failedKinds: ['pow'], products: 'python' });
    } finally {
      await raising.close();
      rmSync(dir, { recursive: true });
    }
  });

  it('reports helper errors as BaseError', async () => {
    const other = startGpuHelper({ device: 'cpu' });
    await expect(other.answer([{ page: 0, word: 0 }])).rejects.toMatchObject({ code: 'INTERNAL' });
    await other.close();
  });
});
