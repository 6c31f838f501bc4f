/**
 * @module @tensorgrid/domain
 * Pure rules of the network (no I/O) and the ports that stores implement.
 */
export type { DeviceRecord, DeviceRegistration } from './registry/device-record';
export type { DeviceStore, RegisterDeviceResult, RecordHeartbeatResult, ListDevicesQuery, HeartbeatWrite, RecordHeartbeatsItemResult } from './registry/device-store';
export type { NonceStore } from './registry/nonce-store';
export { CONNECTIVITY_TIERS, connectivityTier, type ConnectivityTier } from './supply/connectivity-tier';
export { upMillis, timeScore, downtimePerDay, isRegionDegraded, DEGRADED_SHARE, type LivenessChange, type TimeScore } from './supply/uptime';
export { qualityScore, QUALITY_WEIGHTS, DEFAULT_SCORE_THRESHOLD, type QualityInputs, type QualityScore } from './supply/quality-score';
export { decideEligibility, DEFAULT_ELIGIBILITY_POLICY, type EligibilityPolicy, type Eligibility, type IneligibleReason } from './supply/eligibility';
export type { LivenessHistoryStore } from './supply/liveness-history-store';
export { CHALLENGE_KINDS, type ChallengeKind, type ChallengeResult, type ChallengeResultStore } from './challenges/challenge-result';
