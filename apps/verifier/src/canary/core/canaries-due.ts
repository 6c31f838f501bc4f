/** What the canary bot's pacing looks at. */
export interface CanaryPace {
  /** Jobs on the market that reached a verdict (canaries included). */
  verdicts: number;
  /** Canaries the bot has put on the market so far (in any state). */
  canaries: number;
  /** Share of verification work that is canaries (research/verification.md §6.8: 2 %). */
  rate: number;
}

/**
 * How many canaries the bot should post now so that canaries stay at `rate` of the jobs
 * verifiers judge: ⌊rate × verdicts⌋ in all, less those already posted (never negative). At
 * 2 % the first canary follows the 50th verdict, so a verifier cannot learn to be diligent
 * only on a new market's first jobs.
 * @param pace - verdicts so far, canaries so far and the rate
 * @throws RangeError for a rate outside [0, 1] or negative counts
 */
export function canariesDue(pace: CanaryPace): number {
  if (!(pace.rate >= 0 && pace.rate <= 1)) throw new RangeError(`canary rate must be in [0, 1], got ${pace.rate}`);
  if (!Number.isSafeInteger(pace.verdicts) || pace.verdicts < 0 || !Number.isSafeInteger(pace.canaries) || pace.canaries < 0) {
    throw new RangeError(`counts must be non-negative integers, got ${pace.verdicts} verdicts and ${pace.canaries} canaries`);
  }
  return Math.max(0, Math.floor(pace.rate * pace.verdicts + 1e-9) - pace.canaries);
}
