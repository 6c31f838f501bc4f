const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const CANONICAL_NAN = [0x00, 0x00, 0xc0, 0x7f];

/**
 * Whether no entry is NaN or ±Infinity, by a branch-free scan: x·0 is NaN exactly then. Four
 * independent sums, because one sum waits on each addition's latency (the scan runs on every
 * state hash, so it is a share of the solver's commitment cost).
 * @param v - a float32 vector
 */
function allFinite(v: Float32Array): boolean {
  let [p0, p1, p2, p3] = [0, 0, 0, 0];
  const n = v.length - (v.length % 4);
  let i = 0;
  for (; i < n; i += 4) {
    p0 += v[i]! * 0;
    p1 += v[i + 1]! * 0;
    p2 += v[i + 2]! * 0;
    p3 += v[i + 3]! * 0;
  }
  for (; i < v.length; i++) p0 += v[i]! * 0;
  const probe = p0 + p1 + p2 + p3;
  return probe === probe;
}

/**
 * The little-endian IEEE-754 bytes of a float32 vector, as hashed in every commitment. NaNs
 * are written as the canonical quiet NaN 0x7fc00000: ECMAScript leaves the bit pattern a
 * NaN gets when stored into a Float32Array to the engine (x86 and ARM differ), so a
 * diverged run must not hash differently per machine. Shares memory with `v` when it can.
 * @param v - a float32 vector
 */
export function float32Bytes(v: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN && allFinite(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  const out = new Uint8Array(v.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== v[i]) out.set(CANONICAL_NAN, 4 * i);
    else view.setFloat32(4 * i, v[i]!, true);
  }
  return out;
}
