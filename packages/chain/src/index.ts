/**
 * @module @tensorgrid/chain
 * Tensorgrid's on-chain side: compiling the Solidity contracts into typed `as const`
 * artifacts, a launcher for local anvil chains, viem clients, typed actions over the
 * contracts (`action(client, params)`), and the mapping of reverts and RPC failures onto
 * the error codes of `@tensorgrid/protocol`.
 */
export {
  compileContracts,
  SOLC_SETTINGS,
  type CompileContractsParams,
  type CompileContractsResult,
  type CompiledContract,
} from './compile/compile-contracts';
export { renderArtifacts } from './compile/render-artifacts';
export { CONTRACTS_SOURCE_HASH, gridTokenAbi, gridTokenBytecode, jobMarketAbi, jobMarketBytecode, iJobMarketAbi } from './generated/artifacts';
export { startAnvil, type StartAnvilParams, type AnvilInstance } from './anvil/start-anvil';
export { resolveAnvilBinary } from './anvil/resolve-anvil-binary';
export { ANVIL_DEV_KEYS, ANVIL_DEV_ADDRESSES } from './anvil/dev-keys';
export { createChainClients, type CreateChainClientsParams, type ChainClients, type WalletChainClients } from './clients';
export {
  deployGridToken,
  type DeployGridTokenParams,
  type DeployGridTokenResult,
  type DeployGridTokenErrorCode,
} from './actions/deploy-grid-token';
export { readTokenInfo, type ReadTokenInfoParams, type ReadTokenInfoResult, type ReadTokenInfoErrorCode } from './actions/read-token-info';
export { hasCode } from './actions/has-code';
export { CONTRACTS_SRC_DIR } from './contracts-dir';
export { mapChainError } from './errors/map-revert';
export { JOB_MARKET_ERROR_CODES, jobMarketCallAbi, mapJobMarketError, type JobMarketErrorCode } from './errors/job-market-errors';
export type { JobMarketWriteClients, JobMarketTxResult } from './actions/job-market/write-job-market';
export {
  deployJobMarket,
  JOB_MARKET_DEFAULTS,
  type DeployJobMarketParams,
  type DeployJobMarketResult,
  type DeployJobMarketErrorCode,
  type JobMarketParams,
} from './actions/job-market/deploy-job-market';
export { postJob, type PostJobParams, type PostJobResult, type PostJobErrorCode } from './actions/job-market/post-job';
export { acceptJob, type AcceptJobParams, type AcceptJobResult, type AcceptJobErrorCode } from './actions/job-market/accept-job';
export { declineJob, type DeclineJobParams, type DeclineJobResult, type DeclineJobErrorCode } from './actions/job-market/decline-job';
export { timeoutJob, type TimeoutJobParams, type TimeoutJobResult, type TimeoutJobErrorCode } from './actions/job-market/timeout-job';
export { submitResult, type SubmitResultParams, type SubmitResultResult, type SubmitResultErrorCode } from './actions/job-market/submit-result';
export { postVerdict, type PostVerdictParams, type PostVerdictResult, type PostVerdictErrorCode } from './actions/job-market/post-verdict';
export { disputeJob, type DisputeJobParams, type DisputeJobResult, type DisputeJobErrorCode } from './actions/job-market/dispute-job';
export { resolveDispute, type ResolveDisputeParams, type ResolveDisputeResult, type ResolveDisputeErrorCode } from './actions/job-market/resolve-dispute';
export { finalizeJob, type FinalizeJobParams, type FinalizeJobResult, type FinalizeJobErrorCode } from './actions/job-market/finalize-job';
export { setWorkers, type SetWorkersParams, type SetWorkersResult, type SetWorkersErrorCode } from './actions/job-market/set-workers';
export { readJob, JOB_STATES, type JobState, type ReadJobParams, type ReadJobResult, type ReadJobErrorCode } from './actions/job-market/read-job';
export { readShares, type ReadSharesParams, type ReadSharesResult, type ReadSharesErrorCode } from './actions/job-market/read-shares';
