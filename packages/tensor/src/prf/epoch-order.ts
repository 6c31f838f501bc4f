import { createPrfStream } from './prf-stream';

/** Feistel rounds: four make a random-function Feistel a strong pseudo-random permutation (Luby–Rackoff); two more for margin, since the round function is a mixer, not a PRF. */
const ROUNDS = 6;

/** MurmurHash3's 32-bit finalizer: a bijection whose every output bit depends on every input bit. */
function fmix32(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The order in which an epoch visits the dataset, by random access: position i of epoch e
 * holds example π_e(i), π_e a pseudo-random permutation of 0..size−1 keyed by six uint32s
 * from PRF(jobSeed, "batch", epoch). π is a balanced Feistel network over 2·h bits
 * (2^(2h) ≥ size, h ≥ 1; round r maps (L, R) to (R, L ⊕ (fmix32(R ⊕ k_r) mod 2^h))),
 * cycle-walked into [0, size): re-applied until the value is below size, which visits
 * under 4 values per position (about 1.02 at size 16,000).
 *
 * Batch t of the epoch is positions [t·B, (t+1)·B). The solver never claims indices, so it
 * cannot choose its own data; and a verifier or a referee computes one batch in O(B), not the
 * O(size) of a shuffled array, so checking a step costs a step whatever the dataset's size.
 * @param jobSeed - the job seed's bytes
 * @param epoch - 0-based epoch
 * @param size - the dataset size (≥ 1)
 * @returns position ↦ example index, for positions 0..size−1
 */
export function epochOrder(jobSeed: Uint8Array, epoch: number, size: number): (position: number) => number {
  if (!Number.isSafeInteger(size) || size < 1 || size > 2 ** 30) throw new RangeError(`an epoch needs 1 <= size <= 2^30 examples, got ${size}`);
  const rng = createPrfStream({ seed: jobSeed, label: 'batch', index: epoch });
  const keys = Uint32Array.from({ length: ROUNDS }, () => rng.nextU32());
  let half = 1;
  while (2 ** (2 * half) < size) half++;
  const mask = 2 ** half - 1;
  const feistel = (x: number): number => {
    let left = x >>> half;
    let right = x & mask;
    for (let r = 0; r < ROUNDS; r++) {
      const next = left ^ (fmix32(right ^ keys[r]!) & mask);
      left = right;
      right = next;
    }
    return (left << half) | right;
  };
  return (position) => {
    if (!Number.isSafeInteger(position) || position < 0 || position >= size) throw new RangeError(`no position ${position} in an epoch of ${size}`);
    let x = feistel(position);
    while (x >= size) x = feistel(x);
    return x;
  };
}
