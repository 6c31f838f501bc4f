const PI = 3.141592653589793;

/**
 * cos(π·u) for u in [0, 1] in float64 from + − × ÷ only, for the cosine learning-rate
 * schedule (`Math.cos` is implementation-approximated). cos(π·u) = −sin(π·(u − ½)) and
 * |π·(u − ½)| ≤ π/2, where the sine's Taylor series to x^23 truncates below 2^-60.
 * @param u - in [0, 1] (clamped)
 */
export function cosPi(u: number): number {
  const c = u < 0 ? 0 : u > 1 ? 1 : u;
  const x = PI * (c - 0.5);
  const x2 = x * x;
  // sin x = x · Σ (−x²)^k / (2k+1)!, k = 0..11, Horner from the highest term.
  let p = 0;
  for (let k = 11; k >= 0; k--) {
    let inv = 1;
    for (let j = 2; j <= 2 * k + 1; j++) inv /= j;
    p = p * -x2 + inv;
  }
  return -(x * p);
}
