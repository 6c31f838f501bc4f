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
export { CONTRACTS_SOURCE_HASH, gridTokenAbi, gridTokenBytecode } from './generated/artifacts';
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
