/** One reward of a device, as the rewards context will report it. */
export interface DeviceReward {
  epoch: string;
  pool: string;
  /** Base units (bigint: money never touches a float). */
  amount: bigint;
  postedAt: number | null;
}

/**
 * Port: a device's reward history, newest first. The rewards context implements it
 * (`rewardHistoryFromBlocks`); without it, {@link noRewardHistory} answers.
 */
export interface RewardHistorySource {
  /** At most `limit` rewards, newest epoch first; with `before`, only epochs below it (keyset paging). */
  rewardsOf(deviceId: string, query: { limit: number; before?: number }): Promise<DeviceReward[]>;
}

/** The placeholder source: no rewards yet. */
export const noRewardHistory: RewardHistorySource = { rewardsOf: async () => [] };
