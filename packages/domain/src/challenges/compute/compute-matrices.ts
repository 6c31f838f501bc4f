import { sha256 } from '@noble/hashes/sha2';
import { concatBytes } from '@noble/hashes/utils';
import { firstU32, seedBytes, u32be } from '../challenge-seed';
import { mix32 } from '../mix32';
import { COMPUTE_ENTRY_BOUND, type ComputeChallengeSpec } from './compute-spec';

type MatrixSpec = Pick<ComputeChallengeSpec, 'seed' | 'n'>;

/**
 * The key of matrix `which` (0 = A, 1 = B) of loop `loop`: the first 4 bytes of
 * SHA-256(seed ‖ u8(which) ‖ u32be(loop)). Per-loop keys bind every loop to the seed, so
 * no result can be replayed from another challenge.
 * @param spec - the challenge
 * @param at - loop and matrix
 */
export function computeMatrixKey(spec: Pick<ComputeChallengeSpec, 'seed'>, at: { loop: number; which: 0 | 1 }): number {
  return firstU32(sha256(concatBytes(seedBytes(spec.seed), new Uint8Array([at.which]), u32be(at.loop))));
}

/**
 * Entry e (row-major index) of a matrix with key `key`: mix32(key ^ mix32(e)) mod 17 - 8,
 * an integer in [-8, 8]. Counter-based (no sequential state), so a GPU generates all
 * entries at once. Integer entries make every product and partial sum an integer of
 * magnitude ≤ 64n < 2^24: exact in float32 in any summation order, on any device, so
 * honest results are bit-identical everywhere.
 * @param key - from {@link computeMatrixKey}
 * @param e - row-major index
 */
export function computeEntry(key: number, e: number): number {
  const x = mix32((key ^ mix32(e)) >>> 0);
  // x mod 17 as (x >>> 16) + (x & 0xffff) mod 17 (2^16 ≡ 1 mod 17): integer arithmetic, where
  // x itself, up to 2^32 − 1, would take V8's floating-point remainder.
  return (((x >>> 16) + (x & 0xffff)) % ENTRY_MODULUS) - COMPUTE_ENTRY_BOUND;
}

/** 2 · COMPUTE_ENTRY_BOUND + 1 = 17: 2^16 ≡ 1 (mod 17) is what {@link computeEntry} relies on. */
const ENTRY_MODULUS = 2 * COMPUTE_ENTRY_BOUND + 1;

/**
 * The whole n×n matrix (row-major, float64 holding exact integers).
 * @param spec - the challenge
 * @param at - loop and matrix
 */
export function computeMatrix(spec: MatrixSpec, at: { loop: number; which: 0 | 1 }): Float64Array {
  const key = computeMatrixKey(spec, at);
  const m = new Float64Array(spec.n * spec.n);
  for (let e = 0; e < m.length; e++) m[e] = computeEntry(key, e);
  return m;
}

/**
 * SHA-256 of a tile's values as little-endian int32, row-major.
 * @param values - tile × tile values (exact integers)
 */
export function digestTile(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setInt32(4 * i, values[i]!, true);
  return sha256(bytes);
}

/**
 * The tile digests of one loop, in tile order (row-major): the honest reference
 * (C = A·B with an i-k-j loop, then per-tile SHA-256).
 * @param spec - the challenge
 * @param loop - which loop
 */
export function computeLoopDigests(spec: Pick<ComputeChallengeSpec, 'seed' | 'n' | 'tile'>, loop: number): Uint8Array[] {
  const { n, tile } = spec;
  const A = computeMatrix(spec, { loop, which: 0 });
  const B = computeMatrix(spec, { loop, which: 1 });
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ci = i * n;
    for (let k = 0; k < n; k++) {
      const a = A[ci + k]!;
      if (a === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) C[ci + j]! += a * B[bk + j]!;
    }
  }
  const t = n / tile;
  const out: Uint8Array[] = [];
  const buf = new Float64Array(tile * tile);
  for (let ti = 0; ti < t; ti++) {
    for (let tj = 0; tj < t; tj++) {
      for (let r = 0; r < tile; r++) for (let c = 0; c < tile; c++) buf[r * tile + c] = C[(ti * tile + r) * n + tj * tile + c]!;
      out.push(digestTile(buf));
    }
  }
  return out;
}

/**
 * Two columns of B share one float64 in {@link computeTileDigest}: b_c + b_{c+w}·2^24. Every
 * sum of n ≤ 16,384 products of entries in [-8, 8] has magnitude ≤ 2^20 < 2^23, so the packed
 * sums (≤ 2^44 + 2^20) stay exact integers in float64 and unpack exactly.
 */
const PACK = 2 ** 24;

/**
 * One tile's digest computed from scratch (the coordinator's spot check): only the tile's
 * rows of A and columns of B are generated, 2·tile²·n FLOP, done as tile²·n/2 multiply-adds on
 * pairs of columns packed into one float64 ({@link PACK}), eight rows of B to a pass over an
 * output row (sums of these integers are exact in any order).
 * @param spec - the challenge
 * @param index - tile index = loop · tilesPerLoop + tileRow · (n / tile) + tileCol
 */
export function computeTileDigest(spec: Pick<ComputeChallengeSpec, 'seed' | 'n' | 'tile'>, index: number): Uint8Array {
  const { n, tile } = spec;
  const t = n / tile;
  const loop = Math.floor(index / (t * t));
  const ti = Math.floor((index % (t * t)) / t);
  const tj = index % t;
  const ka = computeMatrixKey(spec, { loop, which: 0 });
  const kb = computeMatrixKey(spec, { loop, which: 1 });
  const rows = new Float64Array(tile * n);
  for (let r = 0; r < tile; r++) for (let k = 0; k < n; k++) rows[r * n + k] = computeEntry(ka, (ti * tile + r) * n + k);
  // Column c of the tile in the low part of packed column c, column c + w (if any) in the high part.
  const w = Math.ceil(tile / 2);
  const cols = new Float64Array(n * w);
  for (let k = 0; k < n; k++) {
    const e = k * n + tj * tile;
    for (let c = 0; c < w; c++) cols[k * w + c] = computeEntry(kb, e + c) + (c + w < tile ? computeEntry(kb, e + c + w) * PACK : 0);
  }
  const packed = new Float64Array(tile * w);
  const whole = n - (n % 8);
  for (let r = 0; r < tile; r++) {
    const o = r * w;
    const a = r * n;
    let k = 0;
    for (; k < whole; k += 8) {
      const [a0, a1, a2, a3, a4, a5, a6, a7] = [rows[a + k]!, rows[a + k + 1]!, rows[a + k + 2]!, rows[a + k + 3]!, rows[a + k + 4]!, rows[a + k + 5]!, rows[a + k + 6]!, rows[a + k + 7]!];
      const b = k * w;
      const [b1, b2, b3, b4, b5, b6, b7] = [b + w, b + 2 * w, b + 3 * w, b + 4 * w, b + 5 * w, b + 6 * w, b + 7 * w];
      for (let c = 0; c < w; c++) {
        packed[o + c]! += a0 * cols[b + c]! + a1 * cols[b1 + c]! + a2 * cols[b2 + c]! + a3 * cols[b3 + c]! + a4 * cols[b4 + c]! + a5 * cols[b5 + c]! + a6 * cols[b6 + c]! + a7 * cols[b7 + c]!;
      }
    }
    for (; k < n; k++) {
      const ak = rows[a + k]!;
      for (let c = 0; c < w; c++) packed[o + c]! += ak * cols[k * w + c]!;
    }
  }
  const out = new Float64Array(tile * tile);
  for (let r = 0; r < tile; r++) {
    for (let c = 0; c < w; c++) {
      const v = packed[r * w + c]!;
      const high = Math.round(v / PACK);
      out[r * tile + c] = v - high * PACK;
      if (c + w < tile) out[r * tile + c + w] = high;
    }
  }
  return digestTile(out);
}
