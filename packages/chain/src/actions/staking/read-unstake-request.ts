import type { Address, Chain, Hex, PublicClient, Transport } from 'viem';
import { mapStakingError } from '../../errors/staking-errors';
import { stakingAbi } from '../../generated/artifacts';

/** An unstake request as Staking keeps it. */
export interface UnstakeRequestView {
  /** The device it unstakes from (bytes32). */
  device: Hex;
  /** Who asked (the zero address: no such request). */
  account: Address;
  /** What is left of it after slashes, in base units. */
  amount: bigint;
  /** When it may be withdrawn, Unix seconds. */
  unlocksAt: bigint;
  withdrawn: boolean;
}

/**
 * Reads an unstake request.
 * @param publicClient - a client of the chain
 * @param params - the Staking contract and the request id
 * @throws BaseError CHAIN_ERROR, NETWORK_ERROR, TIMEOUT
 */
export async function readUnstakeRequest(publicClient: PublicClient<Transport, Chain>, params: { staking: Address; requestId: bigint }): Promise<UnstakeRequestView> {
  try {
    const r = await publicClient.readContract({ address: params.staking, abi: stakingAbi, functionName: 'unstakeRequest', args: [params.requestId] });
    return { device: r.device, account: r.account, amount: r.amount, unlocksAt: r.unlocksAt, withdrawn: r.withdrawn };
  } catch (err) {
    throw mapStakingError(err);
  }
}
