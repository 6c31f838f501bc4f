/**
 * base^n for a non-negative integer n by binary exponentiation in float64 (fixed sequence of
 * squarings and products, so the same bits everywhere; `Math.pow` is implementation-
 * approximated). Used for Adam's bias corrections β^t and step-decay schedules.
 * @param base - any number
 * @param n - a non-negative safe integer
 */
export function powInt(base: number, n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`powInt needs a non-negative integer exponent, got ${n}`);
  let result = 1;
  let b = base;
  let k = n;
  while (k > 0) {
    if (k & 1) result *= b;
    b *= b;
    k = Math.floor(k / 2);
  }
  return result;
}
