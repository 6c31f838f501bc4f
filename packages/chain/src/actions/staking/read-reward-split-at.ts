import type { Address, Chain, Hex, PublicClient, Transport } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';
import type { CoStakerStake } from './read-stake';

/** A device's reward split at a time, as Staking's `rewardSplitAt` reports it. */
export interface RewardSplitAt {
  /** The device's owner (the zero address when never registered). */
  owner: Address;
  /** The co-stakers' share, basis points (0 when none held a co-stake then). */
  shareBps: number;
  /** Its co-stakers of now, each with the co-stake it held then (those with none then left out). */
  coStakers: CoStakerStake[];
}

/**
 * Reads the split a block's rewards are paid by: Staking's `rewardSplitAt` at the block's start
 * (Rewards pays each claim so; a co-stake added later takes no part of the block).
 * @param publicClient - a client of the chain
 * @param params - the Staking contract, the device and the time (Unix seconds)
 * @throws BaseError CHAIN_ERROR, NETWORK_ERROR, TIMEOUT
 */
export async function readRewardSplitAt(publicClient: PublicClient<Transport, Chain>, params: { staking: Address; device: Hex; atSeconds: bigint }): Promise<RewardSplitAt> {
  try {
    const [owner, shareBps, accounts, amounts] = await publicClient.readContract({ address: params.staking, abi: stakingAbi, functionName: 'rewardSplitAt', args: [params.device, params.atSeconds] });
    return { owner, shareBps, coStakers: accounts.map((account, i) => ({ account, amount: amounts[i] ?? 0n })) };
  } catch (err) {
    throw mapStakingError(err);
  }
}
