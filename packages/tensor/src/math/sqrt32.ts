/**
 * √x in float32 semantics. `Math.sqrt` is correctly rounded in V8 (and IEEE-754 requires it),
 * but ECMAScript calls it implementation-approximated, so it is pinned by the conformance
 * vectors rather than trusted: a node whose engine rounds differently fails at start.
 * Correct rounding in float64 followed by rounding to float32 equals the correctly rounded
 * float32 root (53 ≥ 2·24 + 2).
 * @param x - a number (rounded to float32 first)
 */
export function sqrt32(x: number): number {
  return Math.fround(Math.sqrt(Math.fround(x)));
}
