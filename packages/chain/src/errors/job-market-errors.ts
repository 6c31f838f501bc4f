import { BaseError, type ErrorCode } from '@tensorgrid/protocol';
import { parseAbi } from 'viem';
import { jobMarketAbi } from '../generated/artifacts';
import { mapChainError } from './map-revert';

/**
 * The JobMarket ABI plus the ERC20 errors its token transfers bubble up, so that a failed
 * `transferFrom` decodes by name (`ERC20InsufficientAllowance`, `ERC20InsufficientBalance`).
 */
export const jobMarketCallAbi = [
  ...jobMarketAbi,
  ...parseAbi([
    'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
    'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
  ]),
] as const;

/**
 * Which protocol error code each JobMarket revert maps onto. Reverts not listed stay `CHAIN_ERROR`
 * (e.g. `ReentrancyGuardReentrantCall`, `SafeERC20FailedOperation`).
 */
export const JOB_MARKET_ERROR_CODES = {
  JobMarketJobNotFound: 'JOB_NOT_FOUND',
  JobMarketWrongState: 'JOB_WRONG_STATE',
  JobMarketNodeAtCapacity: 'NODE_AT_CAPACITY',
  JobMarketDeadlinePassed: 'DEADLINE_PASSED',
  JobMarketChallengeWindowClosed: 'DEADLINE_PASSED',
  JobMarketDeadlineNotPassed: 'JOB_NOT_DUE',
  JobMarketChallengeWindowOpen: 'JOB_NOT_DUE',
  JobMarketVerificationWindowOpen: 'JOB_NOT_DUE',
  JobMarketNotRequester: 'FORBIDDEN',
  JobMarketNotNode: 'FORBIDDEN',
  JobMarketNodeCannotDispute: 'FORBIDDEN',
  AccessControlUnauthorizedAccount: 'FORBIDDEN',
  JobMarketFeeTooLow: 'VALIDATION_FAILED',
  JobMarketZeroGas: 'VALIDATION_FAILED',
  JobMarketDeadlineInPast: 'VALIDATION_FAILED',
  JobMarketZeroAddress: 'VALIDATION_FAILED',
  JobMarketInvalidBps: 'VALIDATION_FAILED',
  JobMarketZeroAmount: 'VALIDATION_FAILED',
  JobMarketVerifierBondTooLow: 'INSUFFICIENT_STAKE',
  JobMarketVerifierBondLocked: 'INSUFFICIENT_STAKE',
  ERC20InsufficientBalance: 'INSUFFICIENT_FUNDS',
  ERC20InsufficientAllowance: 'INSUFFICIENT_FUNDS',
} as const satisfies Record<string, ErrorCode>;

/** Codes the JobMarket actions throw. */
export type JobMarketErrorCode =
  | (typeof JOB_MARKET_ERROR_CODES)[keyof typeof JOB_MARKET_ERROR_CODES]
  | Extract<ErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Maps anything a JobMarket call threw onto a BaseError: {@link mapChainError} with the
 * JobMarket ABI, then the revert's `errorName` through {@link JOB_MARKET_ERROR_CODES}.
 * `data.errorName` and `data.args` are kept, so callers can still tell e.g. a closed challenge
 * window from a passed deadline.
 * @param err - whatever was thrown
 * @returns the mapped error, with the original as `cause`
 */
export function mapJobMarketError(err: unknown): BaseError {
  const mapped = mapChainError(err, jobMarketCallAbi);
  if (mapped.code !== 'CHAIN_ERROR') return mapped;
  const name = mapped.data.errorName;
  if (typeof name !== 'string' || !Object.hasOwn(JOB_MARKET_ERROR_CODES, name)) return mapped;
  const code = JOB_MARKET_ERROR_CODES[name as keyof typeof JOB_MARKET_ERROR_CODES];
  return new BaseError(code, mapped.shortMessage, { data: mapped.data, cause: mapped.cause });
}
