import { BaseError } from '@tensorgrid/protocol';
import { getAddress, type Address, type Hash, type TransactionReceipt } from 'viem';
import type { WalletChainClients } from '../clients';

/** What every transaction action returns besides its own result. */
export interface TxOutcome {
  /** The transaction. */
  txHash: Hash;
  /** The block that included it. */
  blockNumber: bigint;
  /** Gas it used. */
  gasUsed: bigint;
}

/** The clients a transaction action needs. */
export type TxClients = Pick<WalletChainClients, 'publicClient' | 'walletClient'>;

/**
 * Waits for a transaction's receipt and checks that it succeeded.
 * @param clients - the public client waits
 * @param txHash - the transaction
 * @param what - what it did, for the error message
 * @returns the receipt
 * @throws BaseError CHAIN_ERROR when the transaction reverted
 */
export async function waitForSuccess(clients: Pick<TxClients, 'publicClient'>, txHash: Hash, what: string): Promise<TransactionReceipt> {
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash: txHash });
  if (receipt.status !== 'success') {
    throw new BaseError('CHAIN_ERROR', `${what} reverted`, { data: { txHash, blockNumber: receipt.blockNumber.toString() }, retryable: false });
  }
  return receipt;
}

/**
 * The outcome fields of a mined transaction.
 * @param receipt - a successful receipt
 */
export function outcomeOf(receipt: TransactionReceipt): TxOutcome {
  return { txHash: receipt.transactionHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
}

/**
 * Waits for a deployment's receipt and returns the new contract's address.
 * @param clients - the public client waits
 * @param txHash - the deployment transaction
 * @param name - the contract's name, for the error message
 * @returns the address and the transaction's outcome
 * @throws BaseError CHAIN_ERROR when the deployment reverted
 */
export async function waitForDeployment(clients: Pick<TxClients, 'publicClient'>, txHash: Hash, name: string): Promise<TxOutcome & { address: Address }> {
  const receipt = await waitForSuccess(clients, txHash, `${name} deployment`);
  if (!receipt.contractAddress) {
    throw new BaseError('CHAIN_ERROR', `${name} deployment created no contract`, { data: { txHash }, retryable: false });
  }
  return { address: getAddress(receipt.contractAddress), txHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
}
