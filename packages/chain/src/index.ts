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
  rewardsAbi,
  rewardsBytecode,
  proofRegistryAbi,
  proofRegistryBytecode,
  iRewardsAbi,
  iProofRegistryAbi,
} from './generated/artifacts';
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
export { mapContractError, REWARDS_ERROR_CODES, PROOF_REGISTRY_ERROR_CODES } from './errors/rewards-errors';
export { waitForSuccess } from './actions/wait-for-success';
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
