import { BaseError, type ErrorCode } from '@tensorgrid/protocol';
import type { ContractErrorName } from 'viem';
import { stakingAbi } from '../generated/artifacts';
import { mapChainError } from './map-revert';

/** The custom errors Staking can revert with (its own and OpenZeppelin's). */
export type StakingErrorName = ContractErrorName<typeof stakingAbi>;

/**
 * Which protocol error code each Staking revert maps to. Errors not listed (e.g. SafeERC20's or
 * ERC20's from the token, ReentrancyGuard's) stay `CHAIN_ERROR`.
 */
export const STAKING_ERROR_CODES = {
  AccessControlUnauthorizedAccount: 'FORBIDDEN',
  StakingNotDeviceOwner: 'FORBIDDEN',
  StakingNotRequester: 'FORBIDDEN',
  StakingOwnerCannotCoStake: 'FORBIDDEN',
  StakingUnknownDevice: 'DEVICE_NOT_FOUND',
  StakingUnknownRequest: 'NOT_FOUND',
  StakingUnknownSlash: 'NOT_FOUND',
  StakingNothingToRefund: 'NOT_FOUND',
  StakingZeroAmount: 'VALIDATION_FAILED',
  StakingZeroAddress: 'VALIDATION_FAILED',
  StakingInvalidDevice: 'VALIDATION_FAILED',
  StakingInvalidMaxCoStakers: 'VALIDATION_FAILED',
  StakingInvalidShare: 'VALIDATION_FAILED',
  StakingShareDecrease: 'VALIDATION_FAILED',
  StakingEmptyInterval: 'VALIDATION_FAILED',
  StakingEvidenceMissing: 'VALIDATION_FAILED',
  StakingBelowMinimum: 'STAKE_BELOW_MINIMUM',
  StakingBelowMinimumCoStake: 'STAKE_BELOW_MINIMUM',
  StakingInsufficientStake: 'INSUFFICIENT_STAKE',
  StakingNothingToSlash: 'INSUFFICIENT_STAKE',
  StakingCooldownActive: 'COOLDOWN_ACTIVE',
  StakingAppealWindowOpen: 'APPEAL_WINDOW_OPEN',
  StakingAppealWindowClosed: 'APPEAL_WINDOW_CLOSED',
  StakingNoCoStakeOffer: 'CO_STAKE_CLOSED',
  StakingTooManyCoStakers: 'CO_STAKERS_FULL',
  StakingAlreadyWithdrawn: 'ALREADY_SETTLED',
  StakingSlashNotPending: 'ALREADY_SETTLED',
  StakingEvidenceUsed: 'ALREADY_SETTLED',
} as const satisfies Partial<Record<StakingErrorName, ErrorCode>>;

/**
 * Maps whatever a Staking call threw onto a BaseError: first through {@link mapChainError}
 * with the Staking ABI, then a decoded custom error onto its code in
 * {@link STAKING_ERROR_CODES} (keeping `data.errorName` and `data.args`). Anything else keeps
 * mapChainError's code.
 * @param err - whatever was thrown
 * @returns the mapped error, with the original as `cause`
 */
export function mapStakingError(err: unknown): BaseError {
  const mapped = mapChainError(err, stakingAbi);
  const name = mapped.data.errorName;
  if (mapped.code !== 'CHAIN_ERROR' || typeof name !== 'string' || !Object.hasOwn(STAKING_ERROR_CODES, name)) return mapped;
  const code = STAKING_ERROR_CODES[name as keyof typeof STAKING_ERROR_CODES];
  return new BaseError(code, mapped.shortMessage, {
    data: mapped.data,
    cause: mapped.cause,
    ...(mapped.details === undefined ? {} : { details: mapped.details }),
  });
}
