import { utf8ToBytes } from '@noble/hashes/utils';
import { logF64 } from '../math/log32';
import { sha256Counter } from './sha256-counter';

const TAG = utf8ToBytes('tensorgrid/prf/v1');

/** A deterministic stream of random values drawn from a seed, a label and an index. */
export interface PrfStream {
  /** A uniform uint32. */
  nextU32(): number;
  /** A uniform float64 in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** A uniform integer in [0, n) without modulo bias (rejection sampling). */
  nextBelow(n: number): number;
  /** A standard normal deviate (Marsaglia's polar method over own log, `Math.sqrt`). */
  nextGaussian(): number;
}

/** Which stream: the seed's 32 (or more) bytes, what it is for, and an index such as an epoch. */
export interface PrfInput {
  seed: Uint8Array;
  label: string;
  index?: number;
}

function u32le(out: Uint8Array, at: number, n: number): void {
  out[at] = n & 255;
  out[at + 1] = (n >>> 8) & 255;
  out[at + 2] = (n >>> 16) & 255;
  out[at + 3] = (n >>> 24) & 255;
}

/**
 * SHA-256 in counter mode: block c = SHA-256("tensorgrid/prf/v1" ‖ u32le |seed| ‖ seed ‖
 * u32le |label| ‖ label ‖ u32le index ‖ u32le c), read as eight little-endian uint32s.
 * Lengths are prefixed so no two (seed, label, index) inputs share a byte string. This is
 * PRF(jobSeed, "init"), PRF(jobSeed, "batch", epoch) and every dataset draw: anyone with
 * the seed recomputes them, and nobody can choose them.
 * @param input - seed, label and index (default 0)
 */
export function createPrfStream(input: PrfInput): PrfStream {
  const label = utf8ToBytes(input.label);
  const index = input.index ?? 0;
  if (!Number.isSafeInteger(index) || index < 0 || index > 0xffffffff) throw new RangeError(`PRF index must be a uint32, got ${index}`);
  const prefix = new Uint8Array(TAG.length + 4 + input.seed.length + 4 + label.length + 4);
  let at = 0;
  prefix.set(TAG, at);
  at += TAG.length;
  u32le(prefix, at, input.seed.length);
  prefix.set(input.seed, at + 4);
  at += 4 + input.seed.length;
  u32le(prefix, at, label.length);
  prefix.set(label, at + 4);
  at += 4 + label.length;
  u32le(prefix, at, index);
  const blockAt = sha256Counter(prefix);
  const block = new Uint32Array(8);
  let counter = 0;
  let used = 8;
  let spare: number | undefined;

  const nextU32 = (): number => {
    if (used === 8) {
      if (counter > 0xffffffff) throw new RangeError('PRF stream exhausted');
      blockAt(counter++, block);
      used = 0;
    }
    return block[used++]!;
  };
  const nextFloat = (): number => ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / 9007199254740992;
  const nextBelow = (n: number): number => {
    if (!Number.isSafeInteger(n) || n < 1 || n > 0x100000000) throw new RangeError(`nextBelow needs 1 <= n <= 2^32, got ${n}`);
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const r = nextU32();
      if (r < limit) return r % n;
    }
  };
  const nextGaussian = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    for (;;) {
      const u = 2 * nextFloat() - 1;
      const v = 2 * nextFloat() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const k = Math.sqrt((-2 * logF64(s)) / s);
      spare = v * k;
      return u * k;
    }
  };
  return { nextU32, nextFloat, nextBelow, nextGaussian };
}
