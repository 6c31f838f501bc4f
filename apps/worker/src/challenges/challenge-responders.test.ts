import {
  checkComputeOpenings,
  checkMemoryAnswers,
  checkPowSolution,
  COMPUTE_MAX_OPENED_LOOPS,
  DEVNET_POW_POLICY,
  drawComputeSamples,
  drawMemoryProbes,
  planComputeChallenge,
  planMemoryChallenge,
  planPowChallenge,
  sampledLoops,
  solvePow,
} from '@tensorgrid/domain';
import { describe, expect, it } from 'vitest';
import { ComputeResponder, THIS_THREAD_KERNEL } from './compute-responder';
import { MemoryResponder } from './memory-responder';
import { respondPow } from './respond-pow';
import { TINY_COMPUTE_POLICY, TINY_MEMORY_POLICY } from './tiny-challenge-policies';

const SEED = '42'.repeat(32);
const TINY_MEMORY = TINY_MEMORY_POLICY;
const TINY_COMPUTE = TINY_COMPUTE_POLICY;

describe('MemoryResponder', () => {
  const spec = planMemoryChallenge({ claim: { memoryBytes: 32 * 1024 }, policy: TINY_MEMORY, seed: SEED });
  const probes = drawMemoryProbes({ spec, seed: SEED });

  it('fills (sync or in slices) and answers what the coordinator checks', async () => {
    const r = new MemoryResponder(spec);
    await r.fill({ sliceMs: 0 });
    expect(r.heldBytes).toBe(32 * 1024);
    const answers = r.answer(probes);
    expect(checkMemoryAnswers({ spec, probes, answers, elapsedMs: 1, seed: SEED })).toMatchObject({ passed: true });
    const s = new MemoryResponder(spec);
    s.fillSync();
    expect(s.answer(probes)).toEqual(answers);
  });

  it('refuses a spec above its ceiling before allocating', () => {
    expect(() => new MemoryResponder(spec, { maxBytes: 1024 })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('answers out-of-range probes with an empty string', () => {
    const r = new MemoryResponder(spec);
    r.fillSync();
    expect(r.answer([{ page: spec.pages, word: 0 }, { page: 0, word: spec.pageWords }])).toEqual(['', '']);
  });
});

describe('ComputeResponder', () => {
  it('commits and opens loops that pass the check', async () => {
    const spec = planComputeChallenge({ claim: { flops: 1e5 }, policy: TINY_COMPUTE, seed: SEED });
    const r = new ComputeResponder(spec);
    const commitment = await r.run();
    const samples = drawComputeSamples({ spec, seed: SEED });
    const openings = await r.open([...samples, -1, 'x']);
    expect(openings.map((o) => o.loop)).toEqual(sampledLoops(spec, samples));
    expect(checkComputeOpenings({ spec, commitment, samples, openings, elapsedMs: 1 })).toMatchObject({ passed: true });
    expect(r.runSync().root).toBe(commitment.root);
  });

  it('opens with the kernel it ran on: loops recomputed there, not kept', async () => {
    const spec = planComputeChallenge({ claim: { flops: 1e5 }, policy: TINY_COMPUTE, seed: SEED });
    const asked: number[][] = [];
    const r = new ComputeResponder(spec);
    const commitment = await r.run({ ...THIS_THREAD_KERNEL, loopTiles: (s, loops) => (asked.push([...loops]), THIS_THREAD_KERNEL.loopTiles(s, loops)) });
    const samples = drawComputeSamples({ spec, seed: SEED });
    expect(checkComputeOpenings({ spec, commitment, samples, openings: await r.open(samples), elapsedMs: 1 })).toMatchObject({ passed: true });
    expect(asked).toEqual([sampledLoops(spec, samples)]);
    await expect(new ComputeResponder(spec).open(samples)).rejects.toThrow('before run');
  });

  it('refuses to open more loops than an answer may carry, and a kernel that gives the wrong count', async () => {
    const spec = { ...planComputeChallenge({ claim: { flops: 1e5 }, policy: TINY_COMPUTE, seed: SEED }), loops: 40 };
    const r = new ComputeResponder(spec);
    await r.run();
    const tilesPerLoop = (spec.n / spec.tile) ** 2;
    const oneTileEachOf = (loops: number) => Array.from({ length: loops }, (_, loop) => loop * tilesPerLoop);
    expect(await r.open(oneTileEachOf(COMPUTE_MAX_OPENED_LOOPS))).toHaveLength(COMPUTE_MAX_OPENED_LOOPS);
    await expect(r.open(oneTileEachOf(COMPUTE_MAX_OPENED_LOOPS + 1))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const short = { ...THIS_THREAD_KERNEL, leaves: async () => [] };
    await expect(new ComputeResponder(spec).run(short)).rejects.toMatchObject({ code: 'INTERNAL' });
    const torn = new ComputeResponder(spec);
    await torn.run({ ...THIS_THREAD_KERNEL, loopTiles: async (s, loops) => (await THIS_THREAD_KERNEL.loopTiles(s, loops)).map((t) => t.slice(1)) });
    await expect(torn.open([0])).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('respondPow', () => {
  it('finds the same nonces as the pure reference, within budget', () => {
    const spec = planPowChallenge({ claim: { hashesPerSecond: 4000 }, deviceId: '0xabc', policy: { ...DEVNET_POW_POLICY, shares: 8 }, seed: SEED });
    const { nonces } = respondPow(spec, { budgetMs: 60_000 });
    expect(nonces).toEqual(solvePow(spec));
    expect(checkPowSolution({ spec, nonces, elapsedMs: 1 })).toMatchObject({ passed: true });
  });

  it('stops when the budget is spent (injected clock)', () => {
    const spec = planPowChallenge({ claim: { hashesPerSecond: 1e9 }, deviceId: '0xabc', seed: SEED });
    let t = 0;
    const { nonces } = respondPow(spec, { budgetMs: 10, now: () => (t += 100) });
    expect(nonces.length).toBeLessThan(spec.shares);
    expect(checkPowSolution({ spec, nonces, elapsedMs: 1 })).toMatchObject({ reason: 'no-answer' });
  });
});
