import type { Abi, Address, PublicClient } from 'viem';

/**
 * Every event a contract emitted in blocks after `afterBlock`. The head is read uncached:
 * viem caches the block number for a polling interval, and after `evm_revert` a cached
 * number can be a block that no longer exists. When no block was mined since (a run whose
 * calls all reverted) there are no events: anvil refuses a range that starts past its head.
 * @param client - a public client
 * @param query - the contract, its ABI, and the last block before the period
 */
export async function eventsSince<const A extends Abi>(client: PublicClient, query: { address: Address; abi: A; afterBlock: bigint }) {
  if ((await client.getBlockNumber({ cacheTime: 0 })) <= query.afterBlock) return [];
  return client.getContractEvents({ address: query.address, abi: query.abi, fromBlock: query.afterBlock + 1n });
}
