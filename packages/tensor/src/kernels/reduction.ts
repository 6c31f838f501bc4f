/**
 * How a kernel sums the float32 terms of one dot product. Canonical training never passes
 * one: the kernels then add left to right (index 0 first) in an inlined loop. The other
 * orders exist only to imitate honest but non-canonical solvers (other BLAS, other
 * hardware) when profiling tolerant mode (research/verification.md §6.6, §6.12 H1).
 *
 * A reduction receives the products (each already rounded to float32) and returns their
 * sum rounded to float32 after every addition.
 */
export type Reduction = (terms: Float64Array, n: number) => number;

/**
 * Left to right: the same order as the kernels' inlined canonical loops.
 * @param terms - the products
 * @param n - how many of them to add
 */
export const canonicalReduction: Reduction = (terms, n) => {
  let acc = 0;
  for (let i = 0; i < n; i++) acc = Math.fround(acc + terms[i]!);
  return acc;
};

/**
 * Right to left.
 * @param terms - the products
 * @param n - how many of them to add
 */
export const reversedReduction: Reduction = (terms, n) => {
  let acc = 0;
  for (let i = n - 1; i >= 0; i--) acc = Math.fround(acc + terms[i]!);
  return acc;
};

/**
 * `lanes` interleaved partial sums (as a SIMD kernel would keep), added together at the end.
 * @param lanes - the number of partial sums, e.g. 4
 */
export function lanesReduction(lanes: number): Reduction {
  const partial = new Float64Array(lanes);
  return (terms, n) => {
    partial.fill(0);
    for (let i = 0; i < n; i++) partial[i % lanes] = Math.fround(partial[i % lanes]! + terms[i]!);
    let acc = 0;
    for (let l = 0; l < lanes; l++) acc = Math.fround(acc + partial[l]!);
    return acc;
  };
}

/**
 * A fresh random order for every dot product, from a seeded xorshift32 generator (profiling
 * only, so a fast non-cryptographic generator is enough).
 * @param seed - any integer; the same seed gives the same sequence of orders
 */
export function shuffledReduction(seed: number): Reduction {
  let s = seed >>> 0 || 0x9e3779b9;
  let order = new Uint32Array(0);
  return (terms, n) => {
    if (order.length < n) order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      const j = s % (i + 1);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let acc = 0;
    for (let i = 0; i < n; i++) acc = Math.fround(acc + terms[order[i]!]!);
    return acc;
  };
}
