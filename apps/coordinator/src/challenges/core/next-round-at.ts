/** When devices are challenged; every number is a parameter. */
export interface ChallengePolicy {
  /** Mean time between two rounds of one device group. @default 1 h (io.net's hourly proof-of-work) */
  meanIntervalMs: number;
  /** At most this much challenge load per device per hour. @default 15 min */
  maxLoadMsPerHour: number;
  /**
   * After a round in which a device missed a deadline (every checked answer right, but late),
   * the group's next round comes this long (× 0.5-1.5) after it ends, once: its result decides
   * whether the miss counts (`countedChallenges`, whose window must cover this). @default 5 min
   */
  missRetryMs: number;
}

/** The default policy: a round about every hour, at most 15 minutes of load per hour, a re-challenge about 5 minutes after a miss. */
export const DEFAULT_CHALLENGE_POLICY: ChallengePolicy = { meanIntervalMs: 3_600_000, maxLoadMsPerHour: 15 * 60_000, missRetryMs: 5 * 60_000 };

const HOUR_MS = 3_600_000;

/** The mean gap after a round that kept a device busy `loadMs`, for the load to stay within the hourly budget. */
const budgetGapMs = (loadMs: number, policy: ChallengePolicy) => (loadMs * HOUR_MS) / policy.maxLoadMsPerHour;

/**
 * When a device group's next round starts. The gap is drawn uniformly from [0.5, 1.5] × the
 * mean, so a device cannot predict it and prepare (load a real GPU only around challenge
 * times); the mean is stretched when the last round's load would break the hourly budget:
 * a round that kept the device busy for L ms is followed by a gap of at least
 * L × 1 h ÷ budget, so over any long stretch the load stays within the budget.
 * @param input - the last round's start and load (ms), a uniform draw in [0, 1) and the policy
 */
export function nextRoundAt(input: { lastRoundAt: number; lastRoundLoadMs: number; draw: number; policy?: ChallengePolicy }): number {
  const policy = input.policy ?? DEFAULT_CHALLENGE_POLICY;
  const mean = Math.max(policy.meanIntervalMs, budgetGapMs(input.lastRoundLoadMs, policy));
  return input.lastRoundAt + Math.round(mean * (0.5 + input.draw));
}

/**
 * Whether a round that kept a device busy `loadMs` stretches the gap to the next one beyond the
 * mean interval (the hourly load budget; {@link nextRoundAt}).
 * @param loadMs - the round's load on its busiest device
 * @param policy - the policy
 */
export function stretchesGap(loadMs: number, policy: ChallengePolicy): boolean {
  return budgetGapMs(loadMs, policy) > policy.meanIntervalMs;
}

/**
 * When the re-challenge after a round with a deadline miss starts: `missRetryMs` × 0.5-1.5
 * after that round ended (drawn, like the regular gap, so it cannot be predicted).
 * @param input - when the round ended, a uniform draw in [0, 1) and the policy
 */
export function retryRoundAt(input: { roundEndedAt: number; draw: number; policy: ChallengePolicy }): number {
  return input.roundEndedAt + Math.round(input.policy.missRetryMs * (0.5 + input.draw));
}
