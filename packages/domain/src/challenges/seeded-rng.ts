import { sha256 } from '@noble/hashes/sha2';
import { concatBytes } from '@noble/hashes/utils';
import { seedBytes, u32be, type SeedHex } from './challenge-seed';

/** A deterministic random source: the coordinator's draws are reproducible from its seed. */
export interface SeededRng {
  /** The next uniform uint32. */
  nextU32(): number;
  /** A uniform integer in [0, n), 1 <= n <= 2^32 (rejection sampling: no modulo bias). */
  below(n: number): number;
}

/**
 * A counter-mode SHA-256 stream: block i = SHA-256(seed ‖ i), read as 8 big-endian uint32s.
 * Slow next to a PRNG but the coordinator draws only hundreds of values per challenge, and
 * the same construction is trivial to reproduce in any language.
 * @param seed - the coordinator's seed for this draw
 */
export function createSeededRng(seed: SeedHex): SeededRng {
  const key = seedBytes(seed);
  let counter = 0;
  let block = new Uint32Array(0);
  let at = 0;
  const nextU32 = (): number => {
    if (at >= block.length) {
      const d = sha256(concatBytes(key, u32be(counter++)));
      block = new Uint32Array(8);
      for (let i = 0; i < 8; i++) block[i] = ((d[4 * i]! << 24) | (d[4 * i + 1]! << 16) | (d[4 * i + 2]! << 8) | d[4 * i + 3]!) >>> 0;
      at = 0;
    }
    return block[at++]!;
  };
  const below = (n: number): number => {
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = nextU32();
      if (x < limit) return x % n;
    }
  };
  return { nextU32, below };
}

/**
 * k distinct integers drawn uniformly from [0, n) (all of them, shuffled, when k >= n).
 * Partial Fisher-Yates over a sparse map: O(k) time and memory even for huge n.
 * @param rng - the random source
 * @param draw - how many (k) out of how many (n)
 */
export function sampleDistinct(rng: SeededRng, draw: { k: number; n: number }): number[] {
  const k = Math.min(draw.k, draw.n);
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + rng.below(draw.n - i);
    const vj = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    out.push(vj);
  }
  return out;
}
