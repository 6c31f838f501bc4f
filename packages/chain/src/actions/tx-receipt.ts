import { BaseError } from '@tensorgrid/protocol';
import { getAddress, type Abi, type Address, type ContractFunctionArgs, type ContractFunctionName, type Hash, type TransactionReceipt } from 'viem';
import type { WalletChainClients } from '../clients';

/** What every transaction action returns besides its own result. */
export interface TxOutcome {
  /** The transaction. */
  txHash: Hash;
  /** The block that included it. */
  blockNumber: bigint;
  /** That block's hash (the job market uses it as a beacon nobody knew before the transaction). */
  blockHash: Hash;
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
  return { txHash: receipt.transactionHash, blockNumber: receipt.blockNumber, blockHash: receipt.blockHash, gasUsed: receipt.gasUsed };
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
  return { address: getAddress(receipt.contractAddress), ...outcomeOf(receipt) };
}

/** A contract write: the contract, its ABI, the function and its arguments (type-checked against the ABI). */
export interface ContractCall<A extends Abi, N extends ContractFunctionName<A, 'nonpayable' | 'payable'>> {
  address: Address;
  abi: A;
  functionName: N;
  args: ContractFunctionArgs<A, 'nonpayable' | 'payable', N>;
}

/**
 * Simulates a contract write (so a revert decodes by name and costs no gas), sends it and
 * waits for its successful receipt. Callers map errors with their contract's table.
 * @param clients - public and wallet clients of the sender
 * @param call - the contract, ABI, function and arguments
 * @param how - names the call in the error message when it reverts on chain; with `extraGas`, the gas to add to its estimate (see `checkpoint-gas.ts`)
 * @returns the successful receipt
 */
export async function sendContractTx<const A extends Abi, N extends ContractFunctionName<A, 'nonpayable' | 'payable'>>(
  clients: TxClients,
  call: ContractCall<A, N>,
  how: string | { what: string; extraGas: (estimate: bigint) => bigint },
): Promise<TransactionReceipt> {
  const { what, extraGas } = typeof how === 'string' ? { what: how, extraGas: undefined } : how;
  const { request } = await clients.publicClient.simulateContract({ account: clients.walletClient.account, ...call } as never);
  const gas = extraGas && (await clients.publicClient.estimateContractGas({ account: clients.walletClient.account, ...call } as never));
  const txHash = await clients.walletClient.writeContract((gas === undefined ? request : { ...(request as object), gas: gas + extraGas!(gas) }) as never);
  return waitForSuccess(clients, txHash, what);
}
