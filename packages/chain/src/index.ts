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
export {
  CONTRACTS_SOURCE_HASH,
  gridTokenAbi,
  gridTokenBytecode,
  stakingAbi,
  stakingBytecode,
  iStakingAbi,
  testUSDAbi,
  feeVaultAbi,
  fixedPriceSwapAdapterAbi,
  leasesAbi,
  iLeasesAbi,
  rewardsAbi,
  rewardsBytecode,
  proofRegistryAbi,
  proofRegistryBytecode,
  iRewardsAbi,
  iProofRegistryAbi,
  jobMarketAbi,
  jobMarketBytecode,
  iJobMarketAbi,
} from './generated/artifacts';
export { startAnvil, type StartAnvilParams, type AnvilInstance } from './anvil/start-anvil';
export { resolveAnvilBinary } from './anvil/resolve-anvil-binary';
export { ANVIL_DEV_KEYS, ANVIL_DEV_ADDRESSES } from './anvil/dev-keys';
export { createChainClients, type CreateChainClientsParams, type ChainClients, type WalletChainClients } from './clients';
export type { SendLock } from './serial-sends';
export {
  deployGridToken,
  type DeployGridTokenParams,
  type DeployGridTokenResult,
  type DeployGridTokenErrorCode,
} from './actions/deploy-grid-token';
export { readTokenInfo, type ReadTokenInfoParams, type ReadTokenInfoResult, type ReadTokenInfoErrorCode } from './actions/read-token-info';
export { hasCode } from './actions/has-code';
export { blockPages, DEFAULT_LOG_PAGE_BLOCKS, type BlockPagesRange } from './actions/block-pages';
export { CONTRACTS_SRC_DIR } from './contracts-dir';
export { mapChainError } from './errors/map-revert';
export { mapStakingError, STAKING_ERROR_CODES, type StakingErrorName } from './errors/staking-errors';
export { approveStakingToken } from './actions/staking/approve-staking-token';
export { deployStaking, STAKING_DEFAULTS, type DeployStakingParams, type DeployStakingResult, type DeployStakingErrorCode } from './actions/staking/deploy-staking';
export { setDevice, type SetDeviceParams, type SetDeviceResult, type SetDeviceErrorCode } from './actions/staking/set-device';
export { setClassMultiplier, type SetClassMultiplierParams, type SetClassMultiplierResult, type SetClassMultiplierErrorCode } from './actions/staking/set-class-multiplier';
export { stake, type StakeParams, type StakeResult, type StakeErrorCode } from './actions/staking/stake';
export { openCoStakeOffer, type OpenCoStakeOfferParams, type OpenCoStakeOfferResult, type OpenCoStakeOfferErrorCode } from './actions/staking/open-co-stake-offer';
export { closeCoStakeOffer, type CloseCoStakeOfferParams, type CloseCoStakeOfferResult, type CloseCoStakeOfferErrorCode } from './actions/staking/close-co-stake-offer';
export { coStake, type CoStakeParams, type CoStakeResult, type CoStakeErrorCode } from './actions/staking/co-stake';
export { requestUnstake, type RequestUnstakeParams, type RequestUnstakeResult, type RequestUnstakeErrorCode } from './actions/staking/request-unstake';
export { withdraw, type WithdrawParams, type WithdrawResult, type WithdrawErrorCode } from './actions/staking/withdraw';
export { slash, type SlashParams, type SlashResult, type SlashErrorCode } from './actions/staking/slash';
export { overturnSlash, type OverturnSlashParams, type OverturnSlashResult, type OverturnSlashErrorCode } from './actions/staking/overturn-slash';
export { resolveSlash, type ResolveSlashParams, type ResolveSlashResult, type ResolveSlashErrorCode } from './actions/staking/resolve-slash';
export { claimRefund, type ClaimRefundParams, type ClaimRefundResult, type ClaimRefundErrorCode } from './actions/staking/claim-refund';
export { readStake, type ReadStakeParams, type ReadStakeResult, type ReadStakeErrorCode, type CoStakerStake } from './actions/staking/read-stake';
export { readLowestStake } from './actions/staking/read-lowest-stake';
export { readMinimumStakeAt } from './actions/staking/read-minimum-stake-at';
export { readRewardSplitAt, type RewardSplitAt } from './actions/staking/read-reward-split-at';
export { readUnstakeRequest, type UnstakeRequestView } from './actions/staking/read-unstake-request';
export { readCoStakedDevices, type ReadCoStakedDevicesParams, type ReadCoStakedDevicesErrorCode } from './actions/staking/read-co-staked-devices';
export { mapLeasesError, LEASES_ERROR_CODES, LEASES_ERRORS_ABI } from './errors/leases-errors';
export { waitForSuccess, waitForDeployment, outcomeOf, type TxOutcome, type TxClients } from './actions/tx-receipt';
export { deployTestUsd, type DeployTestUsdParams, type DeployTestUsdResult, type DeployTestUsdErrorCode } from './actions/fee-vault/deploy-test-usd';
export { deployFeeVault, type DeployFeeVaultParams, type DeployFeeVaultResult, type DeployFeeVaultErrorCode } from './actions/fee-vault/deploy-fee-vault';
export {
  deployFixedPriceSwapAdapter,
  type DeployFixedPriceSwapAdapterParams,
  type DeployFixedPriceSwapAdapterResult,
  type DeployFixedPriceSwapAdapterErrorCode,
} from './actions/fee-vault/deploy-fixed-price-swap-adapter';
export { buyback, type BuybackParams, type BuybackResult, type BuybackErrorCode } from './actions/fee-vault/buyback';
export { deployLeases, LEASES_DEFAULTS, type DeployLeasesParams, type DeployLeasesResult, type DeployLeasesErrorCode } from './actions/leases/deploy-leases';
export { openLease, type OpenLeaseParams, type OpenLeaseResult, type OpenLeaseErrorCode } from './actions/leases/open-lease';
export { settleUsage, type UsageRecord, type SettleUsageParams, type SettleUsageResult, type SettleUsageErrorCode } from './actions/leases/settle-usage';
export { extendLease, type ExtendLeaseParams, type ExtendLeaseResult, type ExtendLeaseErrorCode } from './actions/leases/extend-lease';
export { terminateLease, type TerminateLeaseParams, type TerminateLeaseResult, type TerminateLeaseErrorCode } from './actions/leases/terminate-lease';
export { expireLease, type ExpireLeaseParams, type ExpireLeaseResult, type ExpireLeaseErrorCode } from './actions/leases/expire-lease';
export {
  reportSlaBreach,
  type ReportSlaBreachParams,
  type ReportSlaBreachResult,
  type ReportSlaBreachErrorCode,
} from './actions/leases/report-sla-breach';
export { withdrawEarnings, type WithdrawEarningsParams, type WithdrawEarningsResult, type WithdrawEarningsErrorCode } from './actions/leases/withdraw-earnings';
export { readLease, type ReadLeaseParams, type ReadLeaseResult, type ReadLeaseErrorCode, type LeaseStatus } from './actions/leases/read-lease';
export { mapContractError, REWARDS_ERROR_CODES, PROOF_REGISTRY_ERROR_CODES } from './errors/rewards-errors';
export {
  EMISSION_MONTHS,
  HOURS_PER_MONTH,
  BLOCK_SECONDS,
  TOTAL_EMISSION,
  RAY,
  DECAY_RAY,
  FIRST_MONTH_EMISSION,
  LAST_MONTH_EMISSION,
  GPU_POOL_BPS,
  rayPow,
  decayedEmission,
  monthEmission,
  hourlyAllowance,
  blockEmission,
  blockSplit,
  dayJobShareAllowance,
  emissionTable,
  deriveScheduleConstants,
  type BlockSplit,
  type EmissionRow,
} from './emission/emission-schedule';
export {
  buildRewardTree,
  accountBeneficiary,
  REWARD_LEAF_ENCODING,
  type RewardLeaf,
  type RewardClaim,
  type RewardTree,
} from './rewards/build-reward-tree';
export {
  deployRewards,
  DEFAULT_JOB_SHARE_BPS,
  type DeployRewardsParams,
  type DeployRewardsResult,
  type DeployRewardsErrorCode,
} from './actions/rewards/deploy-rewards';
export {
  grantRewardsMinter,
  MINTER_ROLE,
  type GrantRewardsMinterParams,
  type GrantRewardsMinterResult,
  type GrantRewardsMinterErrorCode,
} from './actions/rewards/grant-rewards-minter';
export { postRewardRoot, type PostRewardRootParams, type PostRewardRootResult, type PostRewardRootErrorCode } from './actions/rewards/post-reward-root';
export { claimReward, type ClaimRewardParams, type ClaimRewardResult, type ClaimRewardErrorCode, type RewardPayout } from './actions/rewards/claim-reward';
export { readRewardRoot, type ReadRewardRootParams, type ReadRewardRootResult, type ReadRewardRootErrorCode } from './actions/rewards/read-reward-root';
export { isRewardClaimed, type IsRewardClaimedParams, type IsRewardClaimedResult, type IsRewardClaimedErrorCode } from './actions/rewards/is-reward-claimed';
export { readRewardPayouts, type ReadRewardPayoutsParams, type RewardPayoutRecord, type ReadRewardPayoutsErrorCode } from './actions/rewards/read-reward-payouts';
export {
  deployProofRegistry,
  type DeployProofRegistryParams,
  type DeployProofRegistryResult,
  type DeployProofRegistryErrorCode,
} from './actions/proof-registry/deploy-proof-registry';
export { commitProofRoot, type CommitProofRootParams, type CommitProofRootResult, type CommitProofRootErrorCode } from './actions/proof-registry/commit-proof-root';
export { verifyProof, type VerifyProofParams, type VerifyProofResult, type VerifyProofErrorCode } from './actions/proof-registry/verify-proof';
export {
  readProofCommitment,
  type ReadProofCommitmentParams,
  type ReadProofCommitmentResult,
  type ReadProofCommitmentErrorCode,
} from './actions/proof-registry/read-proof-commitment';
export { grantRole, roleId, type GrantRoleParams } from './actions/access/grant-role';
export { deployNetwork, type DeployNetworkParams, type NetworkContracts } from './deploy/deploy-network';
export { JOB_MARKET_ERROR_CODES, jobMarketCallAbi, mapJobMarketError, type JobMarketErrorCode } from './errors/job-market-errors';
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
export {
  expireUnverifiedJob, expireUnverifiedJobIfDue, timeoutJob, type ExpireUnverifiedJobParams, type ExpireUnverifiedJobResult, type TimeoutJobParams, type TimeoutJobResult, type TimeoutJobErrorCode,
} from './actions/job-market/timeout-job';
export { submitResult, type SubmitResultParams, type SubmitResultResult, type SubmitResultErrorCode } from './actions/job-market/submit-result';
export { postVerdict, type PostVerdictParams, type PostVerdictResult, type PostVerdictErrorCode } from './actions/job-market/post-verdict';
export { contestJob, type ContestJobParams, type ContestJobErrorCode } from './actions/job-market/contest-job';
export { bondVerifier, unbondVerifier, readVerifierBond, type VerifierBondParams, type VerifierBond, type VerifierBondErrorCode } from './actions/job-market/verifier-bond';
export { disputeJob, type DisputeJobParams, type DisputeJobResult, type DisputeJobErrorCode } from './actions/job-market/dispute-job';
export { resolveDispute, type ResolveDisputeParams, type ResolveDisputeResult, type ResolveDisputeErrorCode } from './actions/job-market/resolve-dispute';
export { finalizeJob, type FinalizeJobParams, type FinalizeJobResult, type FinalizeJobErrorCode } from './actions/job-market/finalize-job';
export { cancelJob, type CancelJobParams, type CancelJobResult, type CancelJobErrorCode } from './actions/job-market/cancel-job';
export { setWorkers, type SetWorkersParams, type SetWorkersResult, type SetWorkersErrorCode } from './actions/job-market/set-workers';
export { readJob, type ReadJobParams, type ReadJobResult, type ReadJobErrorCode } from './actions/job-market/read-job';
export { readJobMarketTerms, type ReadJobMarketTermsParams, type ReadJobMarketTermsResult, type ReadJobMarketTermsErrorCode } from './actions/job-market/read-job-market-terms';
export { readJobMarketEvents, type ReadJobMarketEventsParams, type JobMarketEvent } from './actions/job-market/read-job-market-events';
export { readShares, type ReadSharesParams, type ReadSharesResult, type ReadSharesErrorCode } from './actions/job-market/read-shares';
export { readDayShares, type ReadDaySharesParams, type ReadDaySharesResult, type ReadDaySharesErrorCode } from './actions/job-market/read-day-shares';
