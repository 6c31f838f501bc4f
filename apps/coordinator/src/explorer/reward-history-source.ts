/** One reward of a device, as the rewards context will report it. */
export interface DeviceReward {
  epoch: string;
  pool: string;
  /** Base units (bigint: money never touches a float). */
  amount: bigint;
  postedAt: number | null;
}

/**
 * Port: a device's reward history, newest first. The rewards context (built on another
 * branch) implements it; until it is wired, {@link noRewardHistory} answers.
 */
export interface RewardHistorySource {
  rewardsOf(deviceId: string, query: { limit: number }): Promise<DeviceReward[]>;
}

/** The placeholder source: no rewards yet. */
export const noRewardHistory: RewardHistorySource = { rewardsOf: async () => [] };
