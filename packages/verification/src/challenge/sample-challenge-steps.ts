import { hexToBytes } from '@noble/hashes/utils';
import { createPrfStream } from '@tensorgrid/tensor';
import { parseHex32 } from './hex32';

/** research/verification.md §6.13: q = 48 uniform samples. */
export const DEFAULT_SAMPLE_COUNT = 48;

/** What fixes a challenge: the seed S, the job's size and q. */
export interface ChallengeDraw {
  /** S from {@link challengeSeed}, 32 bytes as hex. */
  seed: string;
  /** T: transitions are 0 … T−1 (transition t is t → t+1). */
  totalSteps: number;
  stepsPerEpoch: number;
  /** q uniform samples without replacement; defaults to 48. */
  q?: number;
}

/**
 * The transitions every challenge checks whatever S is: the first (0), the last (T−1) and
 * the first transition of every later epoch (e · stepsPerEpoch for e ≥ 1, where a new data
 * permutation starts, so replaying the previous epoch's states or skipping the reshuffle
 * fails there). Sorted and unique.
 * @param draw - totalSteps and stepsPerEpoch
 */
export function fixedChallengeSteps(draw: Pick<ChallengeDraw, 'totalSteps' | 'stepsPerEpoch'>): number[] {
  const { totalSteps: T, stepsPerEpoch } = draw;
  checkSizes(T, stepsPerEpoch);
  const fixed = new Set([0, T - 1]);
  for (let t = stepsPerEpoch; t < T; t += stepsPerEpoch) fixed.add(t);
  return [...fixed].sort((a, b) => a - b);
}

/**
 * The transitions t → t+1 the verifier checks (§6.5.2): q drawn uniformly without
 * replacement from PRF(S, "challenge/steps") (Floyd's algorithm, rejection-sampled so no
 * modulo bias), plus {@link fixedChallengeSteps}. Sorted, unique; all T transitions when
 * q ≥ T. Anyone with S recomputes the same set.
 * @param draw - seed, sizes and q
 */
export function sampleChallengeSteps(draw: ChallengeDraw): number[] {
  const { totalSteps: T } = draw;
  const q = draw.q ?? DEFAULT_SAMPLE_COUNT;
  if (!Number.isSafeInteger(q) || q < 0) throw new RangeError(`q must be a non-negative integer, got ${q}`);
  const fixed = fixedChallengeSteps(draw);
  if (q >= T) return Array.from({ length: T }, (_, t) => t);
  const rng = createPrfStream({ seed: hexToBytes(parseHex32(draw.seed, 'challenge seed')), label: 'challenge/steps' });
  const chosen = new Set<number>();
  for (let j = T - q; j < T; j++) {
    const r = rng.nextBelow(j + 1);
    chosen.add(chosen.has(r) ? j : r);
  }
  for (const t of fixed) chosen.add(t);
  return [...chosen].sort((a, b) => a - b);
}

function checkSizes(T: number, stepsPerEpoch: number): void {
  if (!Number.isSafeInteger(T) || T < 1) throw new RangeError(`totalSteps must be a positive integer, got ${T}`);
  if (!Number.isSafeInteger(stepsPerEpoch) || stepsPerEpoch < 1) throw new RangeError(`stepsPerEpoch must be a positive integer, got ${stepsPerEpoch}`);
}
