import { BaseError } from '@tensorgrid/protocol';
import type { Address, Hash } from 'viem';
import type { WalletChainClients } from '../../clients';
import { mapJobMarketError, type JobMarketErrorCode } from '../../errors/job-market-errors';
import { jobMarketBytecode } from '../../generated/artifacts';
import { jobMarketCallAbi } from '../../errors/job-market-errors';

const GRID = 10n ** 18n;

/** The JobMarket's parameters (the constructor's `Params`). Amounts in base units, rates in bps. */
export interface JobMarketParams {
  /** Paid to the verifier per job. Default 10 GRID. */
  verifierFee: bigint;
  /** Deposit = gas × depositFactorBps / 10,000. Default 10,000 (100% of the gas). */
  depositFactorBps: number;
  /** Share of the deposit lost on timeout. Default 2,500. */
  timeoutPenaltyBps: number;
  /** Share of the deposit lost on decline. Default 2,500. */
  declinePenaltyBps: number;
  /** Share of the deposit lost on a failed verification. Default 2,500. */
  failPenaltyBps: number;
  /** Share of a slashed deposit paid to the whistleblower. Default 5,000. */
  bountyBps: number;
  /** Seconds a passing verdict may be disputed. Default 86,400 (a day). */
  challengeWindow: bigint;
  /** Seconds a submitted job waits for a verdict before anyone may end it unverified (fee and deposit refunded). Default 172,800 (two days). */
  verificationWindow: bigint;
  /** Bond locked by a dispute. Default 100 GRID. */
  whistleblowerBond: bigint;
  /** Part of a verifier's bond each verdict locks; lost if the verdict is proven wrong. Default 1,000 GRID. */
  verifierBond: bigint;
}

/** The documented defaults of {@link JobMarketParams}. */
export const JOB_MARKET_DEFAULTS: Readonly<JobMarketParams> = Object.freeze({
  verifierFee: 10n * GRID,
  depositFactorBps: 10_000,
  timeoutPenaltyBps: 2_500,
  declinePenaltyBps: 2_500,
  failPenaltyBps: 2_500,
  bountyBps: 5_000,
  challengeWindow: 86_400n,
  verificationWindow: 172_800n,
  whistleblowerBond: 100n * GRID,
  verifierBond: 1_000n * GRID,
});

/** Parameters of {@link deployJobMarket}. */
export interface DeployJobMarketParams {
  /** The GRID token. */
  token: Address;
  /** Gets DEFAULT_ADMIN_ROLE (grants ORACLE_ROLE, VERIFIER_ROLE and REFEREE_ROLE). */
  admin: Address;
  /** Overrides of {@link JOB_MARKET_DEFAULTS}. */
  params?: Partial<JobMarketParams>;
}

/** Result of {@link deployJobMarket}. */
export interface DeployJobMarketResult {
  /** The new JobMarket's address. */
  address: Address;
  /** The deployment transaction. */
  txHash: Hash;
  /** The block that included it. */
  blockNumber: bigint;
  /** The parameters it was deployed with. */
  params: JobMarketParams;
}

/** Codes {@link deployJobMarket} throws. */
export type DeployJobMarketErrorCode = JobMarketErrorCode;

/**
 * Deploys a JobMarket from the wallet's account and waits for the receipt.
 * @param clients - public and wallet clients of the chain
 * @param params - token, admin and optional parameter overrides
 * @returns the address, transaction, block and the effective parameters
 * @throws BaseError with a {@link DeployJobMarketErrorCode} (VALIDATION_FAILED for a zero address or a rate above 100%)
 */
export async function deployJobMarket(
  clients: Pick<WalletChainClients, 'publicClient' | 'walletClient'>,
  params: DeployJobMarketParams,
): Promise<DeployJobMarketResult> {
  const p: JobMarketParams = { ...JOB_MARKET_DEFAULTS, ...params.params };
  try {
    const txHash = await clients.walletClient.deployContract({
      abi: jobMarketCallAbi,
      bytecode: jobMarketBytecode,
      args: [params.token, params.admin, p],
    });
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash: txHash });
    if (receipt.status !== 'success' || !receipt.contractAddress) {
      throw new BaseError('CHAIN_ERROR', 'JobMarket deployment reverted', { data: { txHash }, retryable: false });
    }
    return { address: receipt.contractAddress, txHash, blockNumber: receipt.blockNumber, params: p };
  } catch (err) {
    throw mapJobMarketError(err);
  }
}
