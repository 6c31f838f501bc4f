/**
 * @module @tensorgrid/sdk
 * The typed client of the coordinator API, used by the CLI, the dashboard and the agents.
 * Actions take `(client, params)`; failures are the typed `BaseError` the coordinator sent.
 */
export { createCoordinatorClient, type CoordinatorClient, type CoordinatorClientOptions, type ClientRequest, type BytesRequest } from './client';
export { signRequest, hashBody, randomNonce, type SignRequestParams, type SignatureHeaders } from './sign-request';
export { signOperatorAttestation } from './sign-operator-attestation';
export { openSession, type Session, type OpenSessionOptions } from './open-session';
export { createSessionHeartbeats, type SessionHeartbeats, type SendSessionHeartbeatParams, type SendSessionHeartbeatResult } from './session-heartbeats';
export { getHealth, type GetHealthResult } from './actions/get-health';
export { getOutages } from './actions/get-outages';
export { registerDevice, type RegisterDeviceParams, type RegisterDeviceResult } from './actions/register-device';
export { sendHeartbeat, type SendHeartbeatParams, type SendHeartbeatResult } from './actions/send-heartbeat';
export { listDevices, type ListDevicesParams, type ListDevicesResult } from './actions/list-devices';
export { listAllJobs, listJobs, type ListJobsParams, type ListJobsResult } from './actions/list-jobs';
export { getJob, type GetJobParams } from './actions/get-job';
export { postJobChallenge, getJobChallenge, putJobOpening, getJobOpening, putVerdictReport, getVerdictReport } from './actions/job-challenges';
export { putJobStepHashes, getJobStepHashes, putJobAuditOpening, getJobAuditOpening } from './actions/job-audits';
export {
  uploadDataset, getDataset, fetchDatasetBytes, putJobSpec, getJobSpec,
  type FetchDatasetBytesParams, type UploadDatasetParams, type GetDatasetParams, type PutJobSpecParams, type GetJobSpecParams,
} from './actions/job-content';
export { getDevice, type GetDeviceParams, type GetDeviceResult } from './actions/get-device';
export { listRewardBlocks, type ListRewardBlocksParams, type ListRewardBlocksResult } from './actions/list-reward-blocks';
export { getRewardBlock, type GetRewardBlockParams, type GetRewardBlockResult } from './actions/get-reward-block';
export { getAllRewardEarnings, getRewardAccount, type GetRewardAccountParams, type GetRewardAccountResult } from './actions/get-reward-account';
export { listJobShareDays, type ListJobShareDaysParams, type ListJobShareDaysResult } from './actions/list-job-share-days';
export { getJobShareDay, type GetJobShareDayParams, type GetJobShareDayResult } from './actions/get-job-share-day';
export { getJobShareNode, type GetJobShareNodeParams, type GetJobShareNodeResult } from './actions/get-job-share-node';
export { createNetworkProbeResponder, type NetworkProbeLink, type NetworkProbeResponder } from './network-probe-responder';
export { planCluster, type PlanClusterParams, type PlanClusterResult } from './actions/plan-cluster';
export {
  listExplorerDevices, getExplorerDevice, getDeviceUptime, getDeviceChallenges, getDeviceRewards,
  type ListExplorerDevicesParams, type ListExplorerDevicesResult, type ExplorerDeviceParams, type GetExplorerDeviceResult,
  type GetDeviceUptimeParams, type GetDeviceUptimeResult, type DeviceHistoryParams, type GetDeviceChallengesResult, type GetDeviceRewardsResult,
} from './actions/explorer';
export { orNotFound } from './or-not-found';
