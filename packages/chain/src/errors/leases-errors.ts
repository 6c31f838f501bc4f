import { BaseError, type ErrorCode } from '@tensorgrid/protocol';
import type { Abi } from 'viem';
import { feeVaultAbi, fixedPriceSwapAdapterAbi, leasesAbi, testUSDAbi } from '../generated/artifacts';
import { mapChainError } from './map-revert';

/**
 * Custom errors of Leases, FeeVault, FixedPriceSwapAdapter and the tokens they move, by name,
 * onto Tensorgrid's error codes. Errors not listed stay `CHAIN_ERROR` (with `data.errorName`).
 */
export const LEASES_ERROR_CODES: Readonly<Record<string, ErrorCode>> = {
  // Leases
  LeasesLeaseNotFound: 'LEASE_NOT_FOUND',
  LeasesLeaseEnded: 'LEASE_ENDED',
  LeasesLeaseClosed: 'LEASE_ENDED',
  LeasesPeriodOutsideLease: 'VALIDATION_FAILED',
  LeasesNotExpired: 'LEASE_NOT_EXPIRED',
  LeasesEscrowExceeded: 'ESCROW_EXCEEDED',
  LeasesPeriodAlreadySettled: 'ALREADY_SETTLED',
  LeasesEvidenceAlreadyUsed: 'ALREADY_SETTLED',
  LeasesTokenNotAllowed: 'PAY_TOKEN_NOT_ALLOWED',
  LeasesNotBuyer: 'FORBIDDEN',
  LeasesNothingToWithdraw: 'NOT_FOUND',
  LeasesDeviceNotInLease: 'VALIDATION_FAILED',
  LeasesInvalidPeriod: 'VALIDATION_FAILED',
  LeasesInvalidDevice: 'VALIDATION_FAILED',
  LeasesNoDevices: 'VALIDATION_FAILED',
  LeasesTooManyDevices: 'VALIDATION_FAILED',
  LeasesZeroDuration: 'VALIDATION_FAILED',
  LeasesZeroPrice: 'VALIDATION_FAILED',
  LeasesZeroPenalty: 'VALIDATION_FAILED',
  LeasesNoRecords: 'VALIDATION_FAILED',
  LeasesZeroAddress: 'VALIDATION_FAILED',
  LeasesRateTooHigh: 'VALIDATION_FAILED',
  // FeeVault and the devnet swap adapter
  FeeVaultZeroAddress: 'VALIDATION_FAILED',
  FeeVaultZeroAmount: 'VALIDATION_FAILED',
  FeeVaultGridNotSwappable: 'VALIDATION_FAILED',
  FeeVaultNoSwapAdapter: 'UNAVAILABLE',
  FeeVaultInsufficientBalance: 'INSUFFICIENT_FUNDS',
  FeeVaultSlippage: 'SLIPPAGE',
  FixedPriceSwapAdapterZeroAddress: 'VALIDATION_FAILED',
  FixedPriceSwapAdapterNoPrice: 'UNAVAILABLE',
  FixedPriceSwapAdapterSlippage: 'SLIPPAGE',
  FixedPriceSwapAdapterInsufficientGrid: 'INSUFFICIENT_FUNDS',
  // OpenZeppelin
  AccessControlUnauthorizedAccount: 'FORBIDDEN',
  ERC20InsufficientBalance: 'INSUFFICIENT_FUNDS',
  ERC20InsufficientAllowance: 'INSUFFICIENT_FUNDS',
  SafeCastOverflowedUintDowncast: 'VALIDATION_FAILED',
};

/** Every error the lease and fee contracts (and the ERC20s they move) can raise: to decode reverts. */
export const LEASES_ERRORS_ABI: Abi = [...leasesAbi, ...feeVaultAbi, ...fixedPriceSwapAdapterAbi, ...testUSDAbi].filter((item) => item.type === 'error');

/**
 * Maps a failure of a lease or fee-vault call: a known custom error becomes its code from
 * {@link LEASES_ERROR_CODES} (same message and data: `errorName`, `args`), anything else goes
 * through mapChainError unchanged.
 * @param err - whatever the call threw
 * @param abi - extra ABI to decode errors with (the lease and fee contracts' errors are always included)
 * @returns the mapped error
 */
export function mapLeasesError(err: unknown, abi: Abi = []): BaseError {
  const mapped = mapChainError(err, [...abi, ...LEASES_ERRORS_ABI]);
  const name = mapped.data.errorName;
  const code = typeof name === 'string' ? LEASES_ERROR_CODES[name] : undefined;
  if (mapped.code !== 'CHAIN_ERROR' || code === undefined) return mapped;
  return new BaseError(code, mapped.shortMessage, { data: mapped.data, cause: mapped.cause, details: mapped.details });
}
