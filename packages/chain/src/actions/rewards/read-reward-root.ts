import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import type { ChainClients } from '../../clients';
import { mapContractError, REWARDS_ERROR_CODES } from '../../errors/rewards-errors';
import { rewardsAbi } from '../../generated/artifacts';

/** Parameters of {@link readRewardRoot}. */
export interface ReadRewardRootParams {
  /** The Rewards contract. */
  address: Address;
  /** The epoch. */
  epoch: bigint;
  /** The pool. */
  pool: number;
}

/** Result of {@link readRewardRoot}. */
export interface ReadRewardRootResult {
  /** Whether a root was posted. */
  posted: boolean;
  /** The root (zero when none). */
  root: Hex;
  /** The posted total. */
  total: bigint;
  /** How much of it was claimed. */
  claimed: bigint;
  /** The most a root of this (epoch, pool) may total. */
  allowance: bigint;
}

/** Codes {@link readRewardRoot} throws. */
export type ReadRewardRootErrorCode = Extract<ErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Reads the root posted for (epoch, pool), its total, how much was claimed, and the allowance.
 * @param clients - a public client of the chain
 * @param params - the contract, epoch and pool
 * @returns the root's state
 * @throws BaseError with a {@link ReadRewardRootErrorCode}
 */
export async function readRewardRoot(clients: Pick<ChainClients, 'publicClient'>, params: ReadRewardRootParams): Promise<ReadRewardRootResult> {
  const rewards = { address: params.address, abi: rewardsAbi } as const;
  try {
    const [[root, total, claimed], allowance] = await Promise.all([
      clients.publicClient.readContract({ ...rewards, functionName: 'rootOf', args: [params.epoch, params.pool] }),
      clients.publicClient.readContract({ ...rewards, functionName: 'allowanceOf', args: [params.epoch, params.pool] }),
    ]);
    return { posted: BigInt(root) !== 0n, root, total, claimed, allowance };
  } catch (err) {
    throw mapContractError(err, rewardsAbi, REWARDS_ERROR_CODES);
  }
}
