import type { ErrorCode } from '@tensorgrid/protocol';
import type { Address, Hex } from 'viem';
import type { ChainClients } from '../../clients';
import { mapContractError, REWARDS_ERROR_CODES } from '../../errors/rewards-errors';
import { rewardsAbi } from '../../generated/artifacts';

/** Parameters of {@link isRewardClaimed}: one leaf. */
export interface IsRewardClaimedParams {
  /** The Rewards contract. */
  address: Address;
  /** The leaf's epoch. */
  epoch: bigint;
  /** The leaf's pool. */
  pool: number;
  /** The device id or left-padded account. */
  beneficiary: Hex;
  /** The leaf's amount. */
  amount: bigint;
}

/** Result of {@link isRewardClaimed}: whether the leaf was claimed. */
export type IsRewardClaimedResult = boolean;

/** Codes {@link isRewardClaimed} throws. */
export type IsRewardClaimedErrorCode = Extract<ErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Whether a reward leaf was already claimed (so a supplier can see what is still owed).
 * @param clients - a public client of the chain
 * @param params - the contract and the leaf
 * @returns true once claimed
 * @throws BaseError with an {@link IsRewardClaimedErrorCode}
 */
export async function isRewardClaimed(clients: Pick<ChainClients, 'publicClient'>, params: IsRewardClaimedParams): Promise<IsRewardClaimedResult> {
  try {
    return await clients.publicClient.readContract({
      address: params.address,
      abi: rewardsAbi,
      functionName: 'isClaimed',
      args: [params.epoch, params.pool, params.beneficiary, params.amount],
    });
  } catch (err) {
    throw mapContractError(err, rewardsAbi, REWARDS_ERROR_CODES);
  }
}
