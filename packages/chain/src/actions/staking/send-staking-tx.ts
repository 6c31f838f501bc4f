import { BaseError } from '@tensorgrid/protocol';
import { erc20Abi, type Address, type Chain, type Hash, type PublicClient, type TransactionReceipt, type Transport } from 'viem';
import type { WalletChainClients } from '../../clients';
import { stakingAbi } from '../../generated/artifacts';

/** The clients a Staking write needs: one to send, one to wait for the receipt. */
export type StakingWriteClients = Pick<WalletChainClients, 'publicClient' | 'walletClient'>;

/** What every Staking transaction returns once mined. */
export interface StakingTxResult {
  /** The transaction. */
  txHash: Hash;
  /** The block that included it. */
  blockNumber: bigint;
  /** Gas the transaction used. */
  gasUsed: bigint;
}

/**
 * Waits for a Staking transaction's receipt and checks it succeeded.
 * @param publicClient - a client of the chain
 * @param txHash - the sent transaction
 * @param what - the function called, for the error message
 * @returns the receipt
 * @throws BaseError CHAIN_ERROR when the transaction reverted
 */
export async function confirmStakingTx(publicClient: PublicClient<Transport, Chain>, txHash: Hash, what: string): Promise<TransactionReceipt> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash });
  if (receipt.status !== 'success') {
    throw new BaseError('CHAIN_ERROR', `Staking.${what} reverted`, {
      data: { txHash, blockNumber: receipt.blockNumber.toString() },
      retryable: false,
    });
  }
  return receipt;
}

/**
 * The result fields of a mined Staking transaction.
 * @param receipt - a successful receipt
 */
export function txResultOf(receipt: TransactionReceipt): StakingTxResult {
  return { txHash: receipt.transactionHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
}

/**
 * Approves Staking to pull `amount` of its token from the wallet's account, and waits.
 * @param clients - public and wallet clients of the chain
 * @param staking - the Staking contract (its `token()` is approved)
 * @param amount - the allowance, in base units
 */
export async function approveStakingToken(clients: StakingWriteClients, staking: Address, amount: bigint): Promise<void> {
  const token = await clients.publicClient.readContract({ address: staking, abi: stakingAbi, functionName: 'token' });
  const txHash = await clients.walletClient.writeContract({ address: token, abi: erc20Abi, functionName: 'approve', args: [staking, amount] });
  await confirmStakingTx(clients.publicClient, txHash, 'token.approve');
}
