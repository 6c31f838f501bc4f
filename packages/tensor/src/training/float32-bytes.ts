const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const CANONICAL_NAN = [0x00, 0x00, 0xc0, 0x7f];

/**
 * The little-endian IEEE-754 bytes of a float32 vector, as hashed in every commitment. NaNs
 * are written as the canonical quiet NaN 0x7fc00000: ECMAScript leaves the bit pattern a
 * NaN gets when stored into a Float32Array to the engine (x86 and ARM differ), so a
 * diverged run must not hash differently per machine. Shares memory with `v` when it can.
 * @param v - a float32 vector
 */
export function float32Bytes(v: Float32Array): Uint8Array {
  // A branch-free scan: x·0 is NaN exactly when x is NaN or ±Infinity.
  let probe = 0;
  for (let i = 0; i < v.length; i++) probe += v[i]! * 0;
  if (LITTLE_ENDIAN && probe === probe) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  const out = new Uint8Array(v.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== v[i]) out.set(CANONICAL_NAN, 4 * i);
    else view.setFloat32(4 * i, v[i]!, true);
  }
  return out;
}
