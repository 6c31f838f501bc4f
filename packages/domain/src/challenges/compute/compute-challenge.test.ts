import { bytesToHex } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { buildComputeTree, computeLoopLeaf, openComputeLoops, openComputeSamples, sampledLoops } from './build-compute-tree';
import { checkComputeOpenings } from './check-compute-openings';
import { computeEntry, computeLoopDigests, computeMatrixKey, computeTileDigest } from './compute-matrices';
import { DEVNET_COMPUTE_POLICY, cpuClaimFlops, type ComputeChallengePolicy } from './compute-policy';
import { validateComputeSpec, type ComputeChallengeSpec } from './compute-spec';
import { computeDeadlineMs, computeSpecFlops, drawComputeSamples, planComputeChallenge } from './plan-compute-challenge';
import { merkleRootHex } from '../merkle/merkle-tree';
import { mix32 } from '../mix32';
import { createSeededRng } from '../seeded-rng';
import type { SeedHex } from '../challenge-seed';

const SEED = '7c'.repeat(32);
const TINY: ComputeChallengePolicy = { ...DEVNET_COMPUTE_POLICY, matrixSize: 16, tileSize: 4, targetSeconds: 1, minLoops: 4 };

describe('seeded matrices and tiles', () => {
  it('match known answers computed by an independent Python implementation', () => {
    const spec = { seed: 'cd'.repeat(32), n: 8, tile: 4 };
    const key = computeMatrixKey(spec, { loop: 0, which: 0 });
    expect(Array.from({ length: 8 }, (_, e) => computeEntry(key, e))).toEqual([6, -6, -1, -4, 6, 6, -3, -4]);
    expect(bytesToHex(computeTileDigest(spec, 5))).toBe('c47fc52983156973a51aa9878964d4bb2d86365f4882101eade0043dea89801a');
  });

  it('draws entries as mix32(key ^ mix32(e)) mod 17 − 8 over the whole uint32 range', () => {
    const rng = createSeededRng('e1'.repeat(32) as SeedHex);
    for (let i = 0; i < 20_000; i++) {
      const [key, e] = [rng.nextU32(), rng.nextU32() >>> (i % 32)];
      expect(computeEntry(key, e)).toBe((mix32((key ^ mix32(e)) >>> 0) % 17) - 8);
    }
  });

  it('spot-checks a tile exactly as the full loop computes it, eight rows at a time or with some left over, two columns to a float64', () => {
    // Odd tiles leave one packed column without a high half.
    for (const spec of [{ seed: SEED, n: 16, tile: 4 }, { seed: SEED, n: 20, tile: 4 }, { seed: SEED, n: 12, tile: 6 }, { seed: SEED, n: 15, tile: 5 }, { seed: SEED, n: 21, tile: 7 }]) {
      const tiles = (spec.n / spec.tile) ** 2;
      const full = computeLoopDigests(spec, 2);
      for (let t = 0; t < tiles; t++) expect(bytesToHex(computeTileDigest(spec, 2 * tiles + t))).toBe(bytesToHex(full[t]!));
    }
  });
});

describe('planComputeChallenge', () => {
  it('sizes the work to the claim and derives the deadline from claim × slack', () => {
    const spec = planComputeChallenge({ claim: { flops: cpuClaimFlops(2) }, seed: SEED });
    const n = DEVNET_COMPUTE_POLICY.matrixSize;
    expect(spec).toMatchObject({ kind: 'compute', version: 2, n, tile: 32 });
    expect(spec.loops).toBe(Math.round((2.4e9 * 0.25) / (2 * n ** 3)));
    expect(spec.deadlineMs).toBeCloseTo(20 + (computeSpecFlops(spec) / 2.4e9) * 1000 * 1.5, 6);
    expect(planComputeChallenge({ claim: { flops: cpuClaimFlops(2) }, seed: SEED })).toEqual(spec);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it('rejects absurd claims and policies with VALIDATION_FAILED', () => {
    const err = expect.objectContaining({ code: 'VALIDATION_FAILED' });
    expect(() => planComputeChallenge({ claim: { flops: 1e30 }, seed: SEED })).toThrow(err);
    expect(() => planComputeChallenge({ claim: { flops: Number.NaN }, seed: SEED })).toThrow(err);
    expect(() => planComputeChallenge({ claim: { flops: 1e9 }, policy: { ...TINY, tileSize: 5 }, seed: SEED })).toThrow(err);
    expect(() => planComputeChallenge({ claim: { flops: 1e9 }, policy: { ...TINY, sampleSize: 33 }, seed: SEED })).toThrow(err);
    expect(() => planComputeChallenge({ claim: { flops: 1e9 }, policy: { ...TINY, matrixSize: 4096, tileSize: 128 }, seed: SEED })).toThrow(err);
    expect(() => planComputeChallenge({ claim: { flops: 1e15 }, seed: SEED })).toThrow(err);
  });

  it('validates specs a worker receives', () => {
    const spec = planComputeChallenge({ claim: { flops: 1e6 }, policy: TINY, seed: SEED });
    expect(validateComputeSpec(spec)).toBe(spec);
    const err = expect.objectContaining({ code: 'VALIDATION_FAILED' });
    for (const bad of [{ ...spec, n: 1e9 }, { ...spec, tile: 3 }, { ...spec, loops: -1 }, { ...spec, seed: 'ab' }, { ...spec, kind: 'pow' }, { ...spec, version: 1 }, { ...spec, n: 4096, tile: 64 }]) {
      expect(() => validateComputeSpec(bad)).toThrow(err);
    }
    expect(() => validateComputeSpec(spec, { maxFlops: 10 })).toThrow(err);
  });
});

describe('checkComputeOpenings', () => {
  const spec: ComputeChallengeSpec = planComputeChallenge({ claim: { flops: 1e6 }, policy: TINY, seed: SEED });
  const tree = buildComputeTree(spec);
  const commitment = { root: merkleRootHex(tree), deviceElapsedMs: 5 };
  const samples = drawComputeSamples({ spec, seed: SEED, sampleSize: 8 });
  const open = (t: typeof tree, tilesOf = (loop: number) => computeLoopDigests(spec, loop)) => openComputeLoops(t, sampledLoops(spec, samples).map((loop) => ({ loop, tiles: tilesOf(loop) })));
  const openings = openComputeSamples(spec, tree, samples);
  const check = (over: Partial<Parameters<typeof checkComputeOpenings>[0]>) => checkComputeOpenings({ spec, commitment, samples, openings, elapsedMs: 10, ...over });

  it('draws k distinct tiles deterministically; the device opens the loops they fall in', () => {
    expect(new Set(samples).size).toBe(8);
    expect(drawComputeSamples({ spec, seed: SEED, sampleSize: 8 })).toEqual(samples);
    expect(samples.every((s) => s < spec.loops * 16)).toBe(true);
    expect(sampledLoops(spec, [33, 0, 47, 5, -1, 1.5, 'x', spec.loops * 16])).toEqual([0, 2]);
    expect(tree.leafCount).toBe(spec.loops);
    expect(tree.leaves[2]).toEqual(computeLoopLeaf(computeLoopDigests(spec, 2)));
    expect(openings).toEqual(open(tree));
    expect(openings.map((o) => o.loop)).toEqual(sampledLoops(spec, samples));
  });

  it('passes the honest device, with metrics', () => {
    const v = check({});
    expect(v).toMatchObject({ passed: true, reason: null });
    expect(v.metrics).toMatchObject({ elapsedMs: 10, flops: computeSpecFlops(spec), tilesChecked: 8, deviceElapsedMs: 5 });
  });

  it('fails late roots with deadline-missed', () => {
    expect(check({ elapsedMs: spec.deadlineMs })).toMatchObject({ passed: true });
    expect(check({ elapsedMs: spec.deadlineMs + 1 })).toMatchObject({ passed: false, reason: 'deadline-missed' });
    expect(computeDeadlineMs(spec, TINY)).toBe(spec.deadlineMs);
  });

  it('fails faked loops (a consistent tree over made-up tiles) with wrong-answer', () => {
    const madeUp = (loop: number) => Array.from({ length: 16 }, (_, t) => new Uint8Array(32).fill((loop + t) & 255));
    const fake = buildComputeTree(spec, Array.from({ length: spec.loops }, (_, loop) => computeLoopLeaf(madeUp(loop))));
    expect(check({ commitment: { root: merkleRootHex(fake), deviceElapsedMs: 1 }, openings: open(fake, madeUp) })).toMatchObject({ reason: 'wrong-answer' });
  });

  it('fails a loop opened with true tiles that its committed leaf does not hash to', () => {
    const leaves = [...tree.leaves];
    const loop = sampledLoops(spec, samples)[0]!;
    leaves[loop] = new Uint8Array(32);
    const fake = buildComputeTree(spec, leaves);
    expect(check({ commitment: { root: merkleRootHex(fake), deviceElapsedMs: 1 }, openings: open(fake) })).toMatchObject({ reason: 'wrong-answer' });
  });

  it('fails an opening whose unsampled tile was changed: the loop no longer hashes to its leaf', () => {
    const sampled = new Set(samples);
    const o = openings[0]!;
    const unsampled = o.tiles.findIndex((_, t) => !sampled.has(o.loop * 16 + t));
    const changed = { ...o, tiles: o.tiles.map((t, i) => (i === unsampled ? '00'.repeat(32) : t)) };
    expect(check({ openings: [changed, ...openings.slice(1)] })).toMatchObject({ reason: 'wrong-answer' });
  });

  it('fails tampered proofs, missing and malformed openings', () => {
    const tampered = openings.map((o, i) => (i === 3 ? { ...o, proof: [...o.proof].reverse() } : o));
    expect(check({ openings: tampered })).toMatchObject({ reason: 'wrong-answer' });
    expect(check({ openings: openings.slice(1) })).toMatchObject({ reason: 'no-answer' });
    expect(check({ openings: [...openings, 'x'] })).toMatchObject({ reason: 'malformed-answer' });
    expect(check({ openings: [{ ...openings[0]!, tiles: openings[0]!.tiles.slice(1) }, ...openings.slice(1)] })).toMatchObject({ reason: 'malformed-answer' });
    expect(check({ openings: [{ ...openings[0]!, tiles: openings[0]!.tiles.map((t) => t.toUpperCase()) }, ...openings.slice(1)] })).toMatchObject({ reason: 'malformed-answer' });
    expect(check({ commitment: { root: 'nope', deviceElapsedMs: 0 } })).toMatchObject({ reason: 'malformed-answer' });
  });
});
