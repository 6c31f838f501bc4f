/**
 * The coordinator's parameters for proof-of-work challenges (io.net's hourly PoW: a hash
 * puzzle sized to the claimed rate).
 *
 * One puzzle (io.net's form) has a geometric solve time, far too noisy to tell a device
 * from one half as fast. We ask for `shares` solutions (as mining pools do): the solve time
 * is then Gamma(shares)-distributed, relative spread 1/√shares. With 128 shares and
 * slack 1.5 an honest device fails with P(Gamma(128) > 192) ≈ 1e-7 and a half-rate one
 * passes with P(Gamma(128) < 96) ≈ 0.3 %. `shares: 1` reproduces the single puzzle.
 */
export interface PowChallengePolicy {
  /** Multiplies the work (1 in production). */
  scale: number;
  /** Seconds the puzzle should take at the claimed rate. */
  targetSeconds: number;
  /** Solutions (distinct nonces) to find. */
  shares: number;
  /** Deadline = base + expected time at the claimed rate × slack. */
  slack: number;
  /** Fixed part of the deadline. */
  baseMs: number;
  /** Upper bound on the difficulty (leading zero bits). */
  maxDifficultyBits: number;
}

/** Devnet and tests: 128 shares, 0.5 s at the claimed rate, slack 1.5, 20 ms base. */
export const DEVNET_POW_POLICY: PowChallengePolicy = { scale: 1, targetSeconds: 0.5, shares: 128, slack: 1.5, baseMs: 20, maxDifficultyBits: 64 };

/** Production: 128 shares, 60 s at the claimed rate (io.net allows up to 15 min per hour). */
export const DEFAULT_POW_POLICY: PowChallengePolicy = { scale: 1, targetSeconds: 60, shares: 128, slack: 1.5, baseMs: 2000, maxDifficultyBits: 64 };
