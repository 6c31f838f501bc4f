import { BaseError } from '@tensorgrid/protocol';
import type { Chain, Hash, PublicClient, TransactionReceipt, Transport } from 'viem';

/**
 * Waits for a transaction's receipt and throws when it reverted on chain.
 * @param publicClient - a client of the chain
 * @param txHash - the transaction
 * @param what - names the transaction in the error message, e.g. `Rewards.postRoot`
 * @returns the successful receipt
 * @throws BaseError CHAIN_ERROR (not retryable) when the transaction reverted
 */
export async function waitForSuccess(publicClient: PublicClient<Transport, Chain>, txHash: Hash, what: string): Promise<TransactionReceipt> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash });
  if (receipt.status !== 'success') {
    throw new BaseError('CHAIN_ERROR', `${what} reverted`, { data: { txHash, blockNumber: receipt.blockNumber.toString() }, retryable: false });
  }
  return receipt;
}
