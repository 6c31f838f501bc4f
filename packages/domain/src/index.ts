/**
 * @module @tensorgrid/domain
 * Pure rules of the network (no I/O) and the ports that stores implement.
 */
export type { DeviceRecord, DeviceRegistration } from './registry/device-record';
export type { DeviceStore, RegisterDeviceResult, RecordHeartbeatResult, ListDevicesQuery, HeartbeatWrite, RecordHeartbeatsItemResult } from './registry/device-store';
export type { NonceStore } from './registry/nonce-store';
export { CONNECTIVITY_TIERS, connectivityTier, type ConnectivityTier } from './supply/connectivity-tier';
export { upMillis, timeScore, downtimePerDay, isRegionDegraded, DEGRADED_SHARE, type LivenessChange, type TimeScore } from './supply/uptime';
export { median, throughputMBps } from './supply/measure-stats';
export { qualityScore, QUALITY_WEIGHTS, DEFAULT_SCORE_THRESHOLD, type QualityInputs, type QualityScore } from './supply/quality-score';
export { decideEligibility, DEFAULT_ELIGIBILITY_POLICY, type EligibilityPolicy, type Eligibility, type IneligibleReason } from './supply/eligibility';
export type { LivenessHistoryStore } from './supply/liveness-history-store';
export { CHALLENGE_KINDS, type ChallengeKind, type ChallengeResult, type ChallengeResultKey, type ChallengeResultStore } from './challenges/challenge-result';
export type { ChallengeGroupMembers, ChallengeGroupSchedule, ChallengePartOutcome, ChallengeRound, ChallengeScheduleStore, RoundClaim, UnchallengedCursor } from './challenges/challenge-schedule-store';
export { countedChallenges, isLateAnswer, MISS_CONFIRMATION_WINDOW_MS, type CountableChallenge } from './challenges/counted-challenges';
export { challengeVerdict, type ChallengeVerdict, type ChallengeFailureReason } from './challenges/challenge-verdict';
export { isSeedHex, deriveSeed, seedBytes, type SeedHex } from './challenges/challenge-seed';
export { invalidChallenge } from './challenges/invalid-challenge';
export { mix32 } from './challenges/mix32';
export { createSeededRng, sampleDistinct, type SeededRng } from './challenges/seeded-rng';
export { buildMerkleTree, merkleRootHex, merkleProof, verifyMerkleProof, merkleDepth, type MerkleTree, type Sha256Digest } from './challenges/merkle/merkle-tree';
export { sha256Compress, sha256Init, sha256Short } from './challenges/merkle/sha256-compress';
export { DEVNET_MEMORY_POLICY, DEFAULT_MEMORY_POLICY, CPU_MEMORY_POLICY, memoryDeadlineMs, type MemoryChallengePolicy } from './challenges/memory/memory-policy';
export { validateMemorySpec, type MemoryChallengeSpec, type MemoryProbe, type MemorySpecLimits } from './challenges/memory/memory-spec';
export { generateMemoryPage, readMemoryAnswer, memoryPageStart } from './challenges/memory/memory-page';
export { planMemoryChallenge, drawMemoryProbes, type MemoryClaim } from './challenges/memory/plan-memory-challenge';
export { checkMemoryAnswers, DEFAULT_MEMORY_SAMPLE_SIZE, type CheckMemoryAnswersInput } from './challenges/memory/check-memory-answers';
export { DEVNET_COMPUTE_POLICY, DEFAULT_COMPUTE_POLICY, CPU_COMPUTE_POLICY, cpuClaimFlops, type ComputeChallengePolicy } from './challenges/compute/compute-policy';
export {
  validateComputeSpec,
  computeLeafCount,
  COMPUTE_ENTRY_BOUND,
  COMPUTE_MAX_LOOPS,
  COMPUTE_MAX_TILES_PER_LOOP,
  COMPUTE_MAX_OPENED_LOOPS,
  type ComputeChallengeSpec,
  type ComputeCommitment,
  type ComputeOpening,
  type ComputeSpecLimits,
} from './challenges/compute/compute-spec';
export { computeMatrixKey, computeEntry, computeMatrix, digestTile, computeLoopDigests, computeTileDigest } from './challenges/compute/compute-matrices';
export { planComputeChallenge, drawComputeSamples, computeDeadlineMs, computeSpecFlops, type ComputeClaim } from './challenges/compute/plan-compute-challenge';
export { buildComputeTree, computeLoopLeaf, openComputeLoops, openComputeSamples, referenceLoopLeaf, referenceLoopLeaves, sampledLoops } from './challenges/compute/build-compute-tree';
export { checkComputeOpenings, type CheckComputeOpeningsInput } from './challenges/compute/check-compute-openings';
export { DEVNET_POW_POLICY, DEFAULT_POW_POLICY, type PowChallengePolicy } from './challenges/pow/pow-policy';
export { planPowChallenge, validatePowSpec, checkPowSolution, powHash, leadingZeroBits, solvePow, type PowChallengeSpec } from './challenges/pow/pow-challenge';
export { gpuReferenceFlops, GPU_TENSOR_FLOPS, GPU_KERNEL_EFFICIENCY, UNKNOWN_GPU_FLOPS } from './supply/gpu-reference-flops';
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
export { splitProportionally, type WeightedClaim, type ProportionalPart } from './rewards/split-proportionally';
export { splitDevicePayout, type DeviceRewardSplit } from './rewards/split-device-payout';
export { JOB_SHARE_DAY_SECONDS, JOB_SHARES_POOL, utcDayOf, jobShareDayReadiness, type DayJob, type JobShareDayReadiness } from './rewards/job-share-day';
export type { JobShareDayStore, JobShareDayRecord, JobShareDayState, JobShareLeafRecord, ComputedJobShareDay, JobShareDayPageQuery } from './rewards/job-share-day-store';
export { planJobShares, type NodeShares, type JobShareLeaf, type JobSharePlan } from './rewards/plan-job-shares';
export type {
  RewardBlockStore, RewardBlockRecord, RewardBlockState, RewardPoolRoot, RewardLeafRecord, RewardMissRecord,
  ComputedBlock, SaveComputedBlockResult, RewardPageQuery,
} from './rewards/reward-block-store';
export { mergeIntervals, overlapMillis, forgiveDowntime, type TimeInterval } from './supply/time-intervals';
export type { DegradedModeStore, RegionLiveness } from './supply/degraded-mode-store';
export type { DeviceNetwork, DeviceNetworkStore } from './supply/device-network-store';
export type { DeviceDirectory, DeviceDirectoryFilter, DeviceListing } from './supply/device-directory';
export { hardwareClassOf } from './supply/hardware-class';
export { regionOf, UNKNOWN_REGION } from './supply/region';
export { claimedMemoryBytes } from './challenges/memory/claimed-memory-bytes';
export { feePerGas, type IndexedBlock, type IndexedJob, type JobEventRecord, type JobIndexBatch, type JobIndexCursor, type JobIndexRewind, type JobIndexStore, type JobListQuery } from './jobs/job-index-store';
export { encodeJobCursor, decodeJobCursor, type JobListPosition } from './jobs/job-list-cursor';
export type { JobChallenge, StoredAuditOpening, StoredOpening, StoredStepHashes, StoredVerdictReport, JobChallengeStore } from './jobs/job-challenge-store';
export type { BlobStore, StoredBlob } from './jobs/blob-store';
export type { DatasetUploadStore, DatasetUploadReservation, DatasetUploadOutcome, DatasetUpload, DatasetSweep, JobSpecUploadOutcome } from './jobs/dataset-upload-store';
export type { TickLock, ExclusiveTick } from './replicas/tick-lock';
export { DEFAULT_MUTEX_WAIT_MS, type ReplicaMutex } from './replicas/replica-mutex';
export { SERVICE_ALIVE_EVERY_MS, type ServiceRun, type ServiceUptimeStore } from './replicas/service-uptime-store';
export { deadlineCountingUptime, outagesSince, serviceOutages, type Outage } from './replicas/service-outages';
