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

/** One compression of the 64-byte block at `block[at…]` into `state`. */
function compress(state: Int32Array, block: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++) W[i] = (block[at + 4 * i]! << 24) | (block[at + 4 * i + 1]! << 16) | (block[at + 4 * i + 2]! << 8) | block[at + 4 * i + 3]!;
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!;
    const y = W[i - 2]!;
    W[i] = (W[i - 16]! + (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) + W[i - 7]! + (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10))) | 0;
  }
  // Plain locals, not a destructured array: this loop is the PRF's whole cost.
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

/**
 * SHA-256(prefix ‖ u32le c) for counters c = 0, 1, …: the PRF's blocks. The prefix's whole
 * 64-byte blocks are compressed once, so each counter costs the one (or, when the prefix's
 * tail leaves under 13 bytes, two) final compressions, with no allocation. Outputs equal
 * any SHA-256's; the PRF draws millions of blocks per job (datasets, W₀, every epoch's
 * permutation, the held-out set), which is why it does not go through a general hasher.
 * @param prefix - the bytes before the counter
 * @returns a function writing the digest of counter c into `out` as eight little-endian uint32s
 */
export function sha256Counter(prefix: Uint8Array): (c: number, out: Uint32Array) => void {
  const whole = prefix.length - (prefix.length % 64);
  const midstate = IV.slice();
  for (let at = 0; at < whole; at += 64) compress(midstate, prefix, at);
  const rest = prefix.length - whole;
  const tail = new Uint8Array(rest + 4 + 9 <= 64 ? 64 : 128);
  tail.set(prefix.subarray(whole));
  tail[rest + 4] = 0x80;
  const bits = (prefix.length + 4) * 8;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(tail.length - 4, bits >>> 0);
  const state = new Int32Array(8);
  return (c, out) => {
    tail[rest] = c & 255;
    tail[rest + 1] = (c >>> 8) & 255;
    tail[rest + 2] = (c >>> 16) & 255;
    tail[rest + 3] = (c >>> 24) & 255;
    state.set(midstate);
    compress(state, tail, 0);
    if (tail.length === 128) compress(state, tail, 64);
    for (let i = 0; i < 8; i++) {
      const s = state[i]!;
      out[i] = ((s >>> 24) | ((s >>> 8) & 0xff00) | ((s & 0xff00) << 8) | (s << 24)) >>> 0;
    }
  };
}
