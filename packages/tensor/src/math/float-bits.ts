/**
 * Exact bit access to float64 values, used by the transcendental functions for range
 * reduction (x = m · 2^e) instead of `Math.log2`/`Math.pow`, whose results the ECMAScript
 * spec leaves implementation-approximated. Reading and writing IEEE-754 bits is exact on
 * every engine.
 */
const view = new DataView(new ArrayBuffer(8));

/**
 * 2^k as a float64, built from its exponent bits.
 * @param k - an integer in [-1022, 1023] (normal float64 range)
 */
export function pow2(k: number): number {
  view.setUint32(0, ((k + 1023) << 20) >>> 0);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

/**
 * Splits a positive, finite, normal float64 into m · 2^e with m in [1, 2).
 * @param x - > 0, finite, and normal as a float64 (every float32, subnormals included, is)
 */
export function frexp(x: number): { m: number; e: number } {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const e = ((hi >>> 20) & 0x7ff) - 1023;
  view.setUint32(0, ((hi & 0x800fffff) | (1023 << 20)) >>> 0);
  return { m: view.getFloat64(0), e };
}
