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

  it('covers every place the PoW nonce can fall in the hashed message: each byte shift, a second last block, several shared blocks, a nonce above 2^32', () => {
    const { pow } = computeChallengeVectors();
    // Message: seed 32 ‖ length 4 ‖ id ‖ nonce 8; the nonce's low word starts at byte 40 + id length.
    const idBytes = pow.map((v) => Buffer.byteLength(v.spec.deviceId));
    expect(new Set(idBytes.map((n) => (40 + n) % 4))).toEqual(new Set([0, 1, 2, 3]));
    // The last block spills into a second one, with the low word before, across and after the block boundary.
    const lowWordAt = idBytes.map((n) => (40 + n) % 64).filter((_, i) => (36 + idBytes[i]!) % 64 > 64 - 17);
    expect(lowWordAt.some((at) => at <= 60)).toBe(true);
    expect(lowWordAt.some((at) => at > 60)).toBe(true);
    expect(idBytes.some((n) => (36 + n) % 64 > 64 - 17 && (40 + n) % 64 < 8)).toBe(true);
    expect(idBytes.some((n) => 36 + n >= 128)).toBe(true);
    expect(pow.some((v) => v.from < 2 ** 32 && v.nonces.at(-1)! > 2 ** 32)).toBe(true);
    for (const v of pow) expect(v.nonces).toHaveLength(v.spec.shares);
  });
});
