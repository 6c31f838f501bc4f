// SHA-256 round constants (FIPS 180-4 §4.2.2) and initial hash value (§5.3.3).
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const W = new Int32Array(64);

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

/**
 * A fresh SHA-256 chaining value: the initial hash value H(0) as eight signed 32-bit words
 * (a copy, so no caller can corrupt another's hashes).
 */
export function sha256Init(): Int32Array {
  return IV.slice();
}

/**
 * One SHA-256 compression of the 64-byte block at `block[at…]` into `state` (eight signed
 * 32-bit words): the hash's whole cost, with no allocation. Callers do their own padding.
 * @param state - the chaining value, updated in place
 * @param block - bytes holding the block
 * @param at - the block's offset in `block`
 */
export function sha256Compress(state: Int32Array, block: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++) W[i] = (block[at + 4 * i]! << 24) | (block[at + 4 * i + 1]! << 16) | (block[at + 4 * i + 2]! << 8) | block[at + 4 * i + 3]!;
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!;
    const y = W[i - 2]!;
    W[i] = (W[i - 16]! + (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) + W[i - 7]! + (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10))) | 0;
  }
  // Plain locals, not a destructured array: this loop is the hash's whole cost.
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

// sha256Short's scratch: it never yields, so one pair serves every call.
const chaining = new Int32Array(8);
const last = new Uint8Array(128);

/**
 * SHA-256 of a whole message in one call, pure and without per-call setup. For the short
 * inputs of Merkle nodes (33 and 65 bytes) it is the fastest SHA-256 here: one or two
 * compressions at about 0.3 µs each, where node:crypto's `createHash` spends about 1 µs per
 * call on setup alone and @noble/hashes about 1.5 µs (measured on this repo's 2-vCPU VM).
 * Long inputs (a training chaining) still belong to a native hash.
 * @param bytes - the message
 * @returns its 32-byte digest
 */
export function sha256Short(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  const whole = n - (n % 64);
  chaining.set(IV);
  for (let at = 0; at < whole; at += 64) sha256Compress(chaining, bytes, at);
  const rest = n - whole;
  const blocks = rest + 9 <= 64 ? 1 : 2;
  last.fill(0);
  last.set(bytes.subarray(whole));
  last[rest] = 0x80;
  const end = 64 * blocks;
  const bits = n * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  for (let i = 0; i < 4; i++) {
    last[end - 8 + i] = (high >>> (24 - 8 * i)) & 255;
    last[end - 4 + i] = (low >>> (24 - 8 * i)) & 255;
  }
  sha256Compress(chaining, last, 0);
  if (blocks === 2) sha256Compress(chaining, last, 64);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const s = chaining[i]!;
    out[4 * i] = s >>> 24;
    out[4 * i + 1] = (s >>> 16) & 255;
    out[4 * i + 2] = (s >>> 8) & 255;
    out[4 * i + 3] = s & 255;
  }
  return out;
}
