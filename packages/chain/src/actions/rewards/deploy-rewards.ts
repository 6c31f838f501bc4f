import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hash } from 'viem';
import type { WalletChainClients } from '../../clients';
import { mapContractError, REWARDS_ERROR_CODES } from '../../errors/rewards-errors';
import { rewardsAbi, rewardsBytecode } from '../../generated/artifacts';
import { waitForSuccess } from '../tx-receipt';

/** The job-share pool's default share of emission: 10%, in basis points. */
export const DEFAULT_JOB_SHARE_BPS = 1_000;

/** Parameters of {@link deployRewards}. */
export interface DeployRewardsParams {
  /** The GridToken; Rewards must then get its MINTER_ROLE ({@link grantRewardsMinter}). */
  token: Address;
  /** The Staking contract whose `rewardSplitAt` (at each block's start) splits device rewards. */
  staking: Address;
  /** Gets DEFAULT_ADMIN_ROLE. */
  admin: Address;
  /** Gets ORACLE_ROLE (the coordinator). */
  oracle: Address;
  /** The job-share pool's share of each block's emission, in basis points. Default {@link DEFAULT_JOB_SHARE_BPS}. */
  jobShareBps?: number;
}

/** Result of {@link deployRewards}. */
export interface DeployRewardsResult {
  /** The new Rewards contract. */
  address: Address;
  /** The deployment transaction. */
  txHash: Hash;
  /** The block that included it. */
  blockNumber: bigint;
}

/** Codes {@link deployRewards} throws. */
export type DeployRewardsErrorCode = Extract<ErrorCode, 'VALIDATION_FAILED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Deploys Rewards from the wallet's account and waits for the receipt. Genesis is the start of
 * the current UTC day.
 * @param clients - public and wallet clients of the chain
 * @param params - token, staking, admin, oracle and the job-share rate
 * @returns the contract address, transaction hash and block number
 * @throws BaseError with a {@link DeployRewardsErrorCode}
 */
export async function deployRewards(clients: Pick<WalletChainClients, 'publicClient' | 'walletClient'>, params: DeployRewardsParams): Promise<DeployRewardsResult> {
  try {
    const txHash = await clients.walletClient.deployContract({
      abi: rewardsAbi,
      bytecode: rewardsBytecode,
      args: [params.token, params.staking, params.admin, params.oracle, params.jobShareBps ?? DEFAULT_JOB_SHARE_BPS],
    });
    const receipt = await waitForSuccess(clients, txHash, 'Rewards deployment');
    if (!receipt.contractAddress) throw new Error('Rewards deployment has no contract address');
    return { address: receipt.contractAddress, txHash, blockNumber: receipt.blockNumber };
  } catch (err) {
    throw mapContractError(err, rewardsAbi, REWARDS_ERROR_CODES);
  }
}
