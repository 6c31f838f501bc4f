import type { Address, Chain, PublicClient, Transport } from 'viem';
import { mapChainError } from '../errors/map-revert';

/**
 * Whether an address holds contract code: on a devnet restart, checks that a recorded
 * contract survived (anvil restored its state) before reusing it.
 * @param publicClient - a client of the chain
 * @param address - the account to check
 * @returns true when there is non-empty code at the address
 * @throws BaseError NETWORK_ERROR, TIMEOUT or CHAIN_ERROR when the RPC fails
 */
export async function hasCode(publicClient: PublicClient<Transport, Chain>, address: Address): Promise<boolean> {
  try {
    const code = await publicClient.getCode({ address });
    return code !== undefined && code !== '0x';
  } catch (err) {
    throw mapChainError(err);
  }
}
