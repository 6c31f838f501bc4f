import { BaseError, type ErrorCode } from '@tensorgrid/protocol';
import type { Abi } from 'viem';
import { mapChainError } from './map-revert';

/**
 * The error code of each custom error Rewards (and the GRID mint it calls) can revert with.
 * A revert not listed stays `CHAIN_ERROR`.
 */
export const REWARDS_ERROR_CODES = {
  RewardsZeroAddress: 'VALIDATION_FAILED',
  RewardsInvalidJobShare: 'VALIDATION_FAILED',
  RewardsUnknownPool: 'VALIDATION_FAILED',
  RewardsEmptyRoot: 'VALIDATION_FAILED',
  RewardsRootAlreadyPosted: 'REWARD_ROOT_ALREADY_POSTED',
  RewardsEpochNotEnded: 'REWARD_EPOCH_NOT_ENDED',
  RewardsEpochBeforeGenesis: 'VALIDATION_FAILED',
  RewardsAllowanceExceeded: 'REWARD_ALLOWANCE_EXCEEDED',
  RewardsRootNotPosted: 'REWARD_ROOT_NOT_POSTED',
  RewardsZeroAmount: 'VALIDATION_FAILED',
  RewardsAlreadyClaimed: 'REWARD_ALREADY_CLAIMED',
  RewardsInvalidProof: 'REWARD_PROOF_INVALID',
  RewardsTotalExceeded: 'REWARD_ALLOWANCE_EXCEEDED',
  RewardsInvalidAccount: 'VALIDATION_FAILED',
  RewardsDeviceWithoutOwner: 'DEVICE_NOT_FOUND',
  RewardsInvalidSplit: 'CHAIN_ERROR',
  AccessControlUnauthorizedAccount: 'FORBIDDEN',
} as const satisfies Record<string, ErrorCode>;

/** The error code of each custom error ProofRegistry can revert with. */
export const PROOF_REGISTRY_ERROR_CODES = {
  ProofRegistryAlreadyCommitted: 'PROOF_ALREADY_COMMITTED',
  ProofRegistryZeroRoot: 'VALIDATION_FAILED',
  ProofRegistryZeroAddress: 'VALIDATION_FAILED',
  AccessControlUnauthorizedAccount: 'FORBIDDEN',
} as const satisfies Record<string, ErrorCode>;

/**
 * Maps what a contract call threw through {@link mapChainError}, then gives a revert whose
 * custom error is in `table` that table's code (the data, `errorName` and `args` kept; never retryable).
 * @param err - whatever was thrown
 * @param abi - the contract's ABI, to decode its custom errors
 * @param table - errorName → code, e.g. {@link REWARDS_ERROR_CODES}
 * @returns the mapped error
 */
export function mapContractError(err: unknown, abi: Abi, table: Readonly<Record<string, ErrorCode>>): BaseError {
  const mapped = mapChainError(err, abi);
  const name = mapped.data.errorName;
  if (mapped.code !== 'CHAIN_ERROR' || typeof name !== 'string' || !Object.hasOwn(table, name)) return mapped;
  const code = table[name];
  if (code === undefined || code === mapped.code) return mapped;
  return new BaseError(code, mapped.shortMessage, { data: mapped.data, cause: mapped.cause, retryable: false });
}
