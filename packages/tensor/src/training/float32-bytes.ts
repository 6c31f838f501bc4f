const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const CANONICAL_NAN = [0x00, 0x00, 0xc0, 0x7f];

/** Vectors whose writer saw every entry it wrote and found no NaN ({@link markNanFree}). */
const nanFree = new WeakSet<Float32Array>();

/**
 * Records that a vector holds no NaN, for a writer that wrote every entry and checked each
 * (the optimizer's update): {@link float32Bytes} then skips its scan for NaNs, about half of a
 * native BLAKE3 state hash. Only NaNs need the scan: ±Infinity has one bit pattern. Whoever
 * marks a vector must not write a NaN into it afterwards (a copy is not marked).
 * @param v - a float32 vector with no NaN
 */
export function markNanFree(v: Float32Array): void {
  nanFree.add(v);
}

/**
 * Whether no entry is NaN or ±Infinity, i.e. none has an all-ones exponent. Adding 2²³ to
 * the masked exponent carries into the sign bit exactly then, so one OR over integer lanes
 * (four of them, for the latency) answers without a branch per entry; this runs on every
 * state hash, so it is a share of the solver's commitment cost (`npm run bench:verifier-cost`).
 * @param v - a float32 vector
 */
function allFinite(v: Float32Array): boolean {
  const bits = new Int32Array(v.buffer, v.byteOffset, v.length);
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  const n = bits.length - (bits.length % 4);
  let i = 0;
  for (; i < n; i += 4) {
    a0 |= (bits[i]! & 0x7f800000) + 0x00800000;
    a1 |= (bits[i + 1]! & 0x7f800000) + 0x00800000;
    a2 |= (bits[i + 2]! & 0x7f800000) + 0x00800000;
    a3 |= (bits[i + 3]! & 0x7f800000) + 0x00800000;
  }
  for (; i < bits.length; i++) a0 |= (bits[i]! & 0x7f800000) + 0x00800000;
  return ((a0 | a1 | a2 | a3) & 0x80000000) === 0;
}

/**
 * The little-endian IEEE-754 bytes of a float32 vector, as hashed in every commitment. NaNs
 * are written as the canonical quiet NaN 0x7fc00000: ECMAScript leaves the bit pattern a
 * NaN gets when stored into a Float32Array to the engine (x86 and ARM differ), so a
 * diverged run must not hash differently per machine. Shares memory with `v` when it can: when
 * no entry is NaN or ±Infinity (a scan), or when its writer marked it ({@link markNanFree}).
 * @param v - a float32 vector
 */
export function float32Bytes(v: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN && (nanFree.has(v) || allFinite(v))) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  const out = new Uint8Array(v.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== v[i]) out.set(CANONICAL_NAN, 4 * i);
    else view.setFloat32(4 * i, v[i]!, true);
  }
  return out;
}
