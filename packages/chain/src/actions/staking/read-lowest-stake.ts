import type { Address, Chain, Hex, PublicClient, Transport } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';

/**
 * Reads the least active stake a device held at any moment of [from, to) (Staking's
 * `lowestStakeBetween`): nomination asks it of a block's window, so a device must hold its
 * minimum throughout the block, whatever its stake when the block is built.
 * @param publicClient - a client of the chain
 * @param params - the Staking contract, the device and the interval (Unix seconds, `from` < `to`)
 * @throws BaseError VALIDATION_FAILED (StakingEmptyInterval) when `from` ≥ `to`; CHAIN_ERROR, NETWORK_ERROR, TIMEOUT
 */
export async function readLowestStake(publicClient: PublicClient<Transport, Chain>, params: { staking: Address; device: Hex; fromSeconds: bigint; toSeconds: bigint }): Promise<bigint> {
  try {
    return await publicClient.readContract({ address: params.staking, abi: stakingAbi, functionName: 'lowestStakeBetween', args: [params.device, params.fromSeconds, params.toSeconds] });
  } catch (err) {
    throw mapStakingError(err);
  }
}
