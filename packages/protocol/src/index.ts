/**
 * @module @tensorgrid/protocol
 * The contract between Tensorgrid's processes: zod schemas of every HTTP body and WebSocket
 * message, the error model and the request-signing scheme. Pure: no I/O.
 */
export { ERROR_CODES, ERROR_CODE_LIST, httpStatusOf, isRetryableCode, isErrorCode, type ErrorCode } from './errors/codes';
export { BaseError, isBaseError, type BaseErrorOptions } from './errors/base-error';
export { wireErrorSchema, toWireError, fromWireError, type WireError } from './errors/wire-error';
export { validationError, parseOrThrow } from './errors/validation-error';
export { addressSchema, bytes32Schema, signatureSchema, isoTimeSchema, PROTOCOL_VERSION } from './common';
export { gpuCardSchema, hardwareSchema, gpuModelsOf, publicGpuSchema, publicHardwareSchema, publicHardware, type GpuCard, type Hardware, type PublicHardware } from './hardware';
export { deviceLocationSchema, type DeviceLocation } from './location';
export { DEVICE_STATES, deviceStateSchema, deviceSchema, type DeviceState, type Device } from './device';
export { SIGNATURE_HEADERS, SIGNATURE_TOLERANCE_S, WS_SIGNED_METHOD, requestDomain, REQUEST_TYPES, OPERATOR_ATTESTATION_TYPES, type SigningDomain } from './auth/request-signing';
export { healthResponseSchema, outagesQuerySchema, outagesResponseSchema, type HealthResponse, type OutagesResponse } from './http/health';
export {
  operatorAttestationSchema, registerDeviceRequestSchema, registerDeviceResponseSchema, heartbeatRequestSchema,
  heartbeatResponseSchema, listDevicesQuerySchema, listDevicesResponseSchema, deviceIdParamsSchema,
  type OperatorAttestation, type RegisterDeviceRequest, type RegisterDeviceResponse, type HeartbeatRequest,
  type HeartbeatResponse, type ListDevicesQuery, type ListDevicesResponse,
} from './http/devices';
export {
  baseUnitsSchema, devicePoolSchema, missCriterionSchema, rewardPoolRootSchema, rewardBlockSummarySchema, rewardLeafSchema,
  rewardMissSchema, listRewardBlocksQuerySchema, listRewardBlocksResponseSchema, rewardBlockParamsSchema, rewardBlockResponseSchema,
  rewardAccountParamsSchema, rewardAccountQuerySchema, rewardEarningSchema, rewardAccountResponseSchema,
  type MissCriterionView, type RewardBlockSummary, type RewardLeafView, type RewardMissView, type ListRewardBlocksQuery,
  type ListRewardBlocksResponse, type RewardBlockResponse, type RewardAccountQuery, type RewardEarning, type RewardAccountResponse,
} from './http/rewards';
export {
  utcDaySchema, jobShareDaySummarySchema, jobShareLeafSchema, listJobShareDaysQuerySchema, listJobShareDaysResponseSchema, jobShareDayParamsSchema,
  jobShareDayResponseSchema, jobShareNodeParamsSchema, jobShareNodeQuerySchema, jobShareEarningSchema, jobShareNodeResponseSchema,
  type JobShareDaySummary, type JobShareLeafView, type ListJobShareDaysQuery, type ListJobShareDaysResponse, type JobShareDayResponse,
  type JobShareNodeQuery, type JobShareEarning, type JobShareNodeResponse,
} from './http/job-shares';
export {
  JOB_STATES, JOB_EVENT_STATES, jobEventStateSchema, type JobEventState, JOB_SORTS, jobStateSchema, postedJobStateSchema, jobIdSchema, jobIdParamsSchema, listJobsQuerySchema, indexedJobSchema, jobEventSchema,
  listJobsResponseSchema, jobDetailResponseSchema,
  type JobState, type JobSort, type ListJobsQuery, type IndexedJobView, type JobEventView, type ListJobsResponse, type JobDetailResponse,
} from './http/jobs';
export { jobEventState } from './http/job-event-state';
export {
  MAX_DATASET_BYTES, DEFAULT_DATASET_QUOTA_BYTES, DEFAULT_DATASET_POOL_BYTES, DEFAULT_DATASET_UNCLAIMED_MS, UPLOAD_MIN_CHARGE_BYTES, sha256HexSchema, datasetParamsSchema, putDatasetResponseSchema, jobSpecHashParamsSchema, putJobSpecResponseSchema, jobSpecResponseSchema,
  type PutDatasetResponse, type PutJobSpecResponse, type JobSpecResponse,
} from './http/job-content';
export {
  MAX_CHALLENGE_STEPS, MAX_OPENING_STATE_BYTES, digestHexSchema, postChallengeBodySchema, jobChallengeSchema, jobOpeningParamsSchema, jobRoundQuerySchema,
  transitionOpeningSchema, jobOpeningResponseSchema, disputeEvidence, disputedStepOf, DISPUTE_OPENING_WINDOW_SECONDS, GAS_DISPUTE_EVIDENCE, MAX_VERDICT_FAILURES, verdictFailureKindSchema, verdictReportSchema, jobVerdictReportResponseSchema,
  type PostChallengeBody, type JobChallengeView, type TransitionOpeningWire, type JobOpeningResponse, type VerdictFailureKind, type VerdictReport, type JobVerdictReportResponse,
} from './http/job-challenges';
export {
  MAX_STEP_HASH_LEAVES, putStepHashesBodySchema, jobStepHashesResponseSchema, putAuditOpeningBodySchema, auditOpeningParamsSchema, jobAuditOpeningResponseSchema,
  type PutStepHashesBody, type JobStepHashesResponse, type PutAuditOpeningBody, type JobAuditOpeningResponse,
} from './http/job-audits';
export { clientMessageSchema, serverMessageSchema, type ClientMessage, type ServerMessage } from './ws/messages';
export { challengeKindSchema } from './ws/challenge-messages';
export { heartbeatMessageSchema, heartbeatAckSchema, heartbeatRefusedSchema, type HeartbeatMessage } from './ws/heartbeat-messages';
export { safeJson } from './safe-json';
export {
  connectivityTierSchema, publicLocationSchema, explorerDevicesQuerySchema, explorerDeviceSummarySchema,
  explorerDevicesResponseSchema, ineligibleReasonSchema, explorerDeviceSchema, explorerUptimeQuerySchema, explorerUptimeResponseSchema,
  explorerChallengesQuerySchema, explorerChallengesResponseSchema, explorerRewardSchema, explorerRewardsQuerySchema, explorerRewardsResponseSchema,
  type ExplorerDevicesQuery, type ExplorerDeviceSummary, type ExplorerDevicesResponse, type ExplorerDevice, type ExplorerUptimeResponse,
  type ExplorerChallengesQuery, type ExplorerChallengesResponse, type ExplorerRewardsQuery, type ExplorerRewardsResponse,
} from './http/explorer';
export { MAX_NET_CHUNK_BYTES, MAX_NET_CHUNKS, NET_UPLOAD_CIPHER, netProbeSchema, netUploadSchema, netProbeAckSchema } from './ws/network-messages';
export { NET_FRAME_HEADER_BYTES, parseNetFrame, writeNetFrameHeader, type NetFrame } from './ws/net-frame';
export { foreignWorkloadReportSchema, type ForeignWorkloadReport } from './ws/foreign-workload-messages';
export { modelSpecSchema, jobShapeFields, deviceMatrixSchema, type ModelSpec } from './model-spec';
export {
  MAX_CLUSTER_PROBE_BYTES, MAX_CLUSTER_PEERS, MAX_CLUSTER_PINGS, MAX_CLUSTER_LISTEN_MS, clusterProbeIdSchema, probeTokenSchema,
  clusterListenSchema, clusterProbePeerSchema, clusterProbeSchema, clusterCloseSchema, clusterListeningSchema, clusterFailedSchema,
  clusterPeerResultSchema, clusterProbedSchema, clusterReceiptSchema, clusterClosedSchema,
  type ClusterPeerResult, type ClusterReceipt, type ClusterProbePeer,
} from './ws/cluster-probe-messages';
export {
  CLUSTER_SIZE, planClusterRequestSchema, measuredTopologySchema, planClusterResponseSchema, type PlanClusterRequest, type PlanClusterResponse,
} from './http/clusters';
