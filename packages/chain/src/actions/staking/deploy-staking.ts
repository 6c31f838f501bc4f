import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi, stakingBytecode } from '../../generated/artifacts';
import { waitForSuccess, outcomeOf, type TxOutcome, type TxClients } from '../tx-receipt';

/** Staking's constructor defaults: 14-day cooldown, 30-day appeal window, 16 co-stakers, 10 GRID least co-stake. */
export const STAKING_DEFAULTS = {
  unstakeCooldownSeconds: 14n * 86_400n,
  appealWindowSeconds: 30n * 86_400n,
  maxCoStakers: 16n,
  minCoStake: 10n * 10n ** 18n,
} as const;

/** Parameters of {@link deployStaking}. */
export interface DeployStakingParams {
  /** The GRID token staked (and burned by resolved slashes without a beneficiary). */
  token: Address;
  /** Gets DEFAULT_ADMIN_ROLE (grants REGISTRAR, MULTIPLIER, SLASHER and APPEALS roles). */
  admin: Address;
  /** Seconds an unstake request waits. Default 14 days. */
  unstakeCooldownSeconds?: bigint;
  /** Seconds a slash can be overturned for. Default 30 days. */
  appealWindowSeconds?: bigint;
  /** The most co-stakers per device. Default 16. */
  maxCoStakers?: bigint;
  /** The least co-stake per account and device, in base units. Default 10 GRID. */
  minCoStake?: bigint;
}

/** Result of {@link deployStaking}. */
export interface DeployStakingResult extends TxOutcome {
  /** The new Staking contract's address. */
  address: Address;
}

/** Codes {@link deployStaking} throws. */
export type DeployStakingErrorCode = Extract<ErrorCode, 'VALIDATION_FAILED' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Deploys Staking from the wallet's account and waits for the receipt.
 * @param clients - public and wallet clients of the chain
 * @param params - the token, the admin and optional constructor parameters
 * @returns the contract address, transaction hash, block number and gas used
 * @throws BaseError with a {@link DeployStakingErrorCode}
 */
export async function deployStaking(clients: TxClients, params: DeployStakingParams): Promise<DeployStakingResult> {
  try {
    const txHash = await clients.walletClient.deployContract({
      abi: stakingAbi,
      bytecode: stakingBytecode,
      args: [
        params.token,
        params.admin,
        params.unstakeCooldownSeconds ?? STAKING_DEFAULTS.unstakeCooldownSeconds,
        params.appealWindowSeconds ?? STAKING_DEFAULTS.appealWindowSeconds,
        params.maxCoStakers ?? STAKING_DEFAULTS.maxCoStakers,
        params.minCoStake ?? STAKING_DEFAULTS.minCoStake,
      ],
    });
    const receipt = await waitForSuccess(clients, txHash, 'Staking deployment');
    if (!receipt.contractAddress) throw new Error('Staking deployment left no contract address');
    return { address: receipt.contractAddress, ...outcomeOf(receipt) };
  } catch (err) {
    throw mapStakingError(err);
  }
}
