/**
 * A 32-bit integer finaliser (Chris Wellons' "lowbias32": xor-shift, multiply, xor-shift,
 * multiply, xor-shift). It is a bijection on uint32 with good avalanche, costs a few cycles,
 * and uses only operations every platform does bit-exactly: JS `Math.imul`, Python ints
 * masked to 32 bits, torch int64 tensors masked to 32 bits (the GPU helper splits the
 * multiply into 16-bit halves so no int64 product overflows). It is NOT a cryptographic
 * hash; the challenges only need an incompressible, cheap, sequential stream, and every
 * seed entering it comes from SHA-256.
 */
export const MIX32_M1 = 0x7feb352d;
/** Second multiplier of {@link mix32}. */
export const MIX32_M2 = 0x846ca68b;
/** The 32-bit golden-ratio increment (Weyl sequence) used by the fill pass. */
export const GOLDEN32 = 0x9e3779b9;

/**
 * Mixes one uint32 into another (see the module comment).
 * @param x - any number; its low 32 bits are used
 */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, MIX32_M1);
  x ^= x >>> 15;
  x = Math.imul(x, MIX32_M2);
  x ^= x >>> 16;
  return x >>> 0;
}
