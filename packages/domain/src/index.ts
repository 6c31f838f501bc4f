/**
 * @module @tensorgrid/domain
 * Pure rules of the network (no I/O) and the ports that stores implement.
 */
export type { DeviceRecord, DeviceRegistration } from './registry/device-record';
export type { DeviceStore, RegisterDeviceResult, RecordHeartbeatResult, ListDevicesQuery } from './registry/device-store';
export type { NonceStore } from './registry/nonce-store';
export { CONNECTIVITY_TIERS, connectivityTier, type ConnectivityTier } from './supply/connectivity-tier';
export { upMillis, timeScore, downtimePerDay, isRegionDegraded, DEGRADED_SHARE, type LivenessChange, type TimeScore } from './supply/uptime';
export { qualityScore, QUALITY_WEIGHTS, DEFAULT_SCORE_THRESHOLD, type QualityInputs, type QualityScore } from './supply/quality-score';
export { decideEligibility, DEFAULT_ELIGIBILITY_POLICY, type EligibilityPolicy, type Eligibility, type IneligibleReason } from './supply/eligibility';
export type { LivenessHistoryStore } from './supply/liveness-history-store';
export { CHALLENGE_KINDS, type ChallengeKind, type ChallengeResult, type ChallengeResultStore } from './challenges/challenge-result';
export { REWARD_BLOCK_MS, hourIndex, rewardBlockAt, rewardBlockWindow, lastClosedBlock } from './rewards/reward-block';
export {
  nominate, upStreakAt, DEFAULT_NOMINATION_POLICY,
  type Nomination, type NominationEvidence, type NominationPolicy, type MissCriterion, type MissCode,
} from './rewards/nomination';
export { rewardWeight, gpuClassUnits, GPU_CLASS_UNITS, DEFAULT_GPU_CLASS_UNITS, type RewardWeightInputs } from './rewards/reward-weight';
export {
  splitBlockRewards, POOL_NUMBER, DEFAULT_SPLIT_POLICY,
  type DevicePool, type Nominee, type BlockLeaf, type SplitPolicy, type PoolSplit, type BlockRewardSplit,
} from './rewards/split-block-rewards';
export type {
  RewardBlockStore, RewardBlockRecord, RewardBlockState, RewardPoolRoot, RewardLeafRecord, RewardMissRecord,
  ComputedBlock, SaveComputedBlockResult, RewardPageQuery,
} from './rewards/reward-block-store';
