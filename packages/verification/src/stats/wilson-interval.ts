/** A binomial proportion with its Wilson score interval. */
export interface WilsonInterval {
  successes: number;
  trials: number;
  /** successes / trials (NaN for no trials). */
  rate: number;
  low: number;
  high: number;
}

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval of a detection rate (research/verification.md §6.11): unlike
 * the normal approximation it stays inside [0, 1] and is informative at 0 or n successes
 * (n/n gives a lower bound of n/(n + z²), e.g. 0.9874 for 300/300).
 * @param successes - 0 ≤ successes ≤ trials
 * @param trials - the number of trials
 * @param z - the normal quantile; defaults to 95 % two-sided
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): WilsonInterval {
  if (!Number.isSafeInteger(trials) || trials < 0 || !Number.isSafeInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`need 0 ≤ successes ≤ trials (integers), got ${successes}/${trials}`);
  }
  if (trials === 0) return { successes, trials, rate: Number.NaN, low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  return { successes, trials, rate: p, low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === trials ? 1 : Math.min(1, centre + half) };
}
