import {
  nominate, rewardWeight, splitBlockRewards,
  type BlockRewardSplit, type MissCriterion, type NominationEvidence, type NominationPolicy, type Nominee, type RewardWeightInputs, type SplitPolicy,
} from '@tensorgrid/domain';

/** Everything known about one device for one block. */
export interface DeviceBlockEvidence {
  deviceId: string;
  /** Who its rewards go to (its owner on Staking), lower-case. */
  account: string;
  /** Its class (the weight's other input is the evidence's score). */
  weightInputs: Omit<RewardWeightInputs, 'score'>;
  evidence: NominationEvidence;
}

/** A block's plan: who earns what, who missed and why. */
export interface BlockPlan {
  split: BlockRewardSplit;
  nominees: Nominee[];
  misses: { deviceId: string; account: string; failed: MissCriterion[] }[];
}

/**
 * Nominates every device for a block and splits the block's device emission among the nominees.
 * A nominee whose weight is 0 (a quality score of 0) is reported as nominated but earns nothing.
 * @param devices - every device's evidence
 * @param params - the block's device emission and the policies
 */
export function planBlock(devices: readonly DeviceBlockEvidence[], params: { deviceEmission: bigint; nomination: NominationPolicy; split: SplitPolicy }): BlockPlan {
  const nominees: Nominee[] = [];
  const misses: BlockPlan['misses'] = [];
  for (const device of devices) {
    const decision = nominate(device.evidence, params.nomination);
    if (decision.kind === 'missed') {
      misses.push({ deviceId: device.deviceId, account: device.account, failed: decision.failed });
      continue;
    }
    nominees.push({ deviceId: device.deviceId, pool: device.weightInputs.kind, weight: rewardWeight({ ...device.weightInputs, score: device.evidence.score }) });
  }
  return { split: splitBlockRewards(params.deviceEmission, nominees, params.split), nominees, misses };
}
