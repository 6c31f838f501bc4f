import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHALLENGE_VECTORS_PATH, computeChallengeVectors } from './challenge-vectors';

describe('challenge conformance vectors (what the CUDA helper checks itself against)', () => {
  it('the committed challenge_vectors.json is what the reference computes (regenerate with apps/worker/scripts/write-challenge-vectors.ts only for an intended change)', () => {
    expect(JSON.parse(readFileSync(CHALLENGE_VECTORS_PATH, 'utf8'))).toEqual(computeChallengeVectors());
  });

  it('covers both helper paths: tiles of 16 and more (its SHA-256 kernel) and smaller ones, a non-power-of-two tile grid, and several mixing rounds', () => {
    const vectors = computeChallengeVectors();
    expect(vectors.compute.map((v) => v.spec.tile % 16 === 0)).toEqual([true, true, false]);
    expect(vectors.compute.some((v) => Math.log2(v.spec.n / v.spec.tile) % 1 !== 0)).toBe(true);
    expect(new Set(vectors.memory.map((v) => v.spec.rounds)).size).toBe(2);
    for (const v of vectors.compute) for (const hex of Object.values(v.loopDigests)) expect(hex).toHaveLength(64 * (v.spec.n / v.spec.tile) ** 2);
  });
});
