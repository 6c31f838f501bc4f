import type { Address, Chain, Hex, PublicClient, Transport } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';

/**
 * Reads a device's minimum stake as it stood at a past time (Staking's `minimumStakeAt`: its
 * class then, at that class's multiplier then): nomination holds a block's lowest stake against
 * the minimum at the block's start, so a later class change or multiplier leaves ended blocks alone.
 * @param publicClient - a client of the chain
 * @param params - the Staking contract, the device and the time (Unix seconds)
 * @throws BaseError CHAIN_ERROR, NETWORK_ERROR, TIMEOUT
 */
export async function readMinimumStakeAt(publicClient: PublicClient<Transport, Chain>, params: { staking: Address; device: Hex; atSeconds: bigint }): Promise<bigint> {
  try {
    return await publicClient.readContract({ address: params.staking, abi: stakingAbi, functionName: 'minimumStakeAt', args: [params.device, params.atSeconds] });
  } catch (err) {
    throw mapStakingError(err);
  }
}
