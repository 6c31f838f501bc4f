// BLAKE3's initial value (the SHA-256 IV), message schedule and flags (BLAKE3 spec §2.2–2.5).
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const PERMUTATION = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8];
const CHUNK_START = 1;
const CHUNK_END = 2;
const ROOT = 8;

/** One chunk's worth of input: longer inputs need the chunk tree, which this file leaves to @noble/hashes. */
export const BLAKE3_SHORT_MAX_BYTES = 1024;

/** The message word each of a compression's 7 rounds reads at each of its 16 positions. */
const SCHEDULE: Uint8Array = (() => {
  const out = new Uint8Array(7 * 16);
  let order = Array.from({ length: 16 }, (_, i) => i);
  for (let r = 0; r < 7; r++) {
    out.set(order, 16 * r);
    order = PERMUTATION.map((p) => order[p]!);
  }
  return out;
})();

// blake3Short's scratch: it never yields, so one set serves every call.
const m = new Int32Array(16);
const cv = new Int32Array(8);
const block = new Uint8Array(64);

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

/**
 * Compresses the 64-byte `block` (its first `length` bytes are input) into `cv`, chunk counter 0.
 * Plain locals and the eight G functions written out (columns, then diagonals): this loop is
 * the hash's whole cost, and typed-array state made it about twice as slow.
 */
function compress(length: number, flags: number): void {
  for (let i = 0; i < 16; i++) m[i] = block[4 * i]! | (block[4 * i + 1]! << 8) | (block[4 * i + 2]! << 16) | (block[4 * i + 3]! << 24);
  let v0 = cv[0]!, v1 = cv[1]!, v2 = cv[2]!, v3 = cv[3]!, v4 = cv[4]!, v5 = cv[5]!, v6 = cv[6]!, v7 = cv[7]!;
  let v8 = IV[0]!, v9 = IV[1]!, v10 = IV[2]!, v11 = IV[3]!, v12 = 0, v13 = 0, v14 = length, v15 = flags;
  for (let s = 0; s < 7 * 16; s += 16) {
    v0 = (v0 + v4 + m[SCHEDULE[s]!]!) | 0;
    v12 = rotr(v12 ^ v0, 16);
    v8 = (v8 + v12) | 0;
    v4 = rotr(v4 ^ v8, 12);
    v0 = (v0 + v4 + m[SCHEDULE[s + 1]!]!) | 0;
    v12 = rotr(v12 ^ v0, 8);
    v8 = (v8 + v12) | 0;
    v4 = rotr(v4 ^ v8, 7);
    v1 = (v1 + v5 + m[SCHEDULE[s + 2]!]!) | 0;
    v13 = rotr(v13 ^ v1, 16);
    v9 = (v9 + v13) | 0;
    v5 = rotr(v5 ^ v9, 12);
    v1 = (v1 + v5 + m[SCHEDULE[s + 3]!]!) | 0;
    v13 = rotr(v13 ^ v1, 8);
    v9 = (v9 + v13) | 0;
    v5 = rotr(v5 ^ v9, 7);
    v2 = (v2 + v6 + m[SCHEDULE[s + 4]!]!) | 0;
    v14 = rotr(v14 ^ v2, 16);
    v10 = (v10 + v14) | 0;
    v6 = rotr(v6 ^ v10, 12);
    v2 = (v2 + v6 + m[SCHEDULE[s + 5]!]!) | 0;
    v14 = rotr(v14 ^ v2, 8);
    v10 = (v10 + v14) | 0;
    v6 = rotr(v6 ^ v10, 7);
    v3 = (v3 + v7 + m[SCHEDULE[s + 6]!]!) | 0;
    v15 = rotr(v15 ^ v3, 16);
    v11 = (v11 + v15) | 0;
    v7 = rotr(v7 ^ v11, 12);
    v3 = (v3 + v7 + m[SCHEDULE[s + 7]!]!) | 0;
    v15 = rotr(v15 ^ v3, 8);
    v11 = (v11 + v15) | 0;
    v7 = rotr(v7 ^ v11, 7);
    v0 = (v0 + v5 + m[SCHEDULE[s + 8]!]!) | 0;
    v15 = rotr(v15 ^ v0, 16);
    v10 = (v10 + v15) | 0;
    v5 = rotr(v5 ^ v10, 12);
    v0 = (v0 + v5 + m[SCHEDULE[s + 9]!]!) | 0;
    v15 = rotr(v15 ^ v0, 8);
    v10 = (v10 + v15) | 0;
    v5 = rotr(v5 ^ v10, 7);
    v1 = (v1 + v6 + m[SCHEDULE[s + 10]!]!) | 0;
    v12 = rotr(v12 ^ v1, 16);
    v11 = (v11 + v12) | 0;
    v6 = rotr(v6 ^ v11, 12);
    v1 = (v1 + v6 + m[SCHEDULE[s + 11]!]!) | 0;
    v12 = rotr(v12 ^ v1, 8);
    v11 = (v11 + v12) | 0;
    v6 = rotr(v6 ^ v11, 7);
    v2 = (v2 + v7 + m[SCHEDULE[s + 12]!]!) | 0;
    v13 = rotr(v13 ^ v2, 16);
    v8 = (v8 + v13) | 0;
    v7 = rotr(v7 ^ v8, 12);
    v2 = (v2 + v7 + m[SCHEDULE[s + 13]!]!) | 0;
    v13 = rotr(v13 ^ v2, 8);
    v8 = (v8 + v13) | 0;
    v7 = rotr(v7 ^ v8, 7);
    v3 = (v3 + v4 + m[SCHEDULE[s + 14]!]!) | 0;
    v14 = rotr(v14 ^ v3, 16);
    v9 = (v9 + v14) | 0;
    v4 = rotr(v4 ^ v9, 12);
    v3 = (v3 + v4 + m[SCHEDULE[s + 15]!]!) | 0;
    v14 = rotr(v14 ^ v3, 8);
    v9 = (v9 + v14) | 0;
    v4 = rotr(v4 ^ v9, 7);
  }
  cv[0] = v0 ^ v8;
  cv[1] = v1 ^ v9;
  cv[2] = v2 ^ v10;
  cv[3] = v3 ^ v11;
  cv[4] = v4 ^ v12;
  cv[5] = v5 ^ v13;
  cv[6] = v6 ^ v14;
  cv[7] = v7 ^ v15;
}

/**
 * BLAKE3 (32-byte output) of a message of at most one chunk (1,024 bytes), pure and without
 * per-call setup: the hash of a BLAKE3 job's Merkle tree, whose nodes are 33 and 65 bytes.
 * There the BLAKE3 addon's one-shot call costs about 3 µs of call overhead a node and
 * @noble/hashes' about 7 µs, while a node's one or two compressions here take well under a
 * microsecond (`npm run bench:verifier-cost` times the trees).
 * @param bytes - the message, at most {@link BLAKE3_SHORT_MAX_BYTES} bytes
 * @returns its 32-byte digest
 */
export function blake3Short(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  if (n > BLAKE3_SHORT_MAX_BYTES) throw new RangeError(`blake3Short hashes at most ${BLAKE3_SHORT_MAX_BYTES} bytes, got ${n}`);
  const blocks = Math.max(1, Math.ceil(n / 64));
  cv.set(IV);
  for (let b = 0; b < blocks; b++) {
    const length = Math.min(64, n - 64 * b);
    block.fill(0);
    block.set(bytes.subarray(64 * b, 64 * b + length));
    compress(length, (b === 0 ? CHUNK_START : 0) | (b === blocks - 1 ? CHUNK_END | ROOT : 0));
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const w = cv[i]!;
    out[4 * i] = w & 255;
    out[4 * i + 1] = (w >>> 8) & 255;
    out[4 * i + 2] = (w >>> 16) & 255;
    out[4 * i + 3] = w >>> 24;
  }
  return out;
}
