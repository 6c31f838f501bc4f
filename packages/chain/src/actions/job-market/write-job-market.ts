import { BaseError } from '@tensorgrid/protocol';
import { erc20Abi, parseEventLogs, type Address, type ContractFunctionArgs, type ContractFunctionName, type Hash, type Log } from 'viem';
import type { WalletChainClients } from '../../clients';
import { jobMarketCallAbi, mapJobMarketError } from '../../errors/job-market-errors';

/** The clients every JobMarket write needs. */
export type JobMarketWriteClients = Pick<WalletChainClients, 'publicClient' | 'walletClient'>;

/** What every JobMarket write returns. */
export interface JobMarketTxResult {
  /** The transaction. */
  txHash: Hash;
  /** The block that included it. */
  blockNumber: bigint;
  /** Gas the transaction used. */
  gasUsed: bigint;
}

type WriteName = ContractFunctionName<typeof jobMarketCallAbi, 'nonpayable'>;

/** A JobMarket transaction to send: the market, the function and its arguments. */
export interface JobMarketCall<N extends WriteName> {
  /** The JobMarket contract. */
  address: Address;
  /** The function to call. */
  functionName: N;
  /** Its arguments. */
  args: ContractFunctionArgs<typeof jobMarketCallAbi, 'nonpayable', N>;
}

/**
 * Simulates (so a revert decodes by name), sends and waits for a JobMarket transaction, and
 * decodes the JobMarket events of its receipt. Throws mapped errors ({@link mapJobMarketError}).
 * @internal shared by the job-market actions
 */
export async function writeJobMarket<N extends WriteName>(
  clients: JobMarketWriteClients,
  call: JobMarketCall<N>,
): Promise<JobMarketTxResult & { logs: ReturnType<typeof decodeJobMarketLogs> }> {
  try {
    const { request } = await clients.publicClient.simulateContract({
      account: clients.walletClient.account,
      address: call.address,
      abi: jobMarketCallAbi,
      functionName: call.functionName,
      args: call.args,
    } as never);
    const txHash = await clients.walletClient.writeContract(request as never);
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash: txHash });
    if (receipt.status !== 'success') {
      throw new BaseError('CHAIN_ERROR', `JobMarket.${call.functionName} reverted`, {
        data: { txHash, blockNumber: receipt.blockNumber.toString() },
        retryable: false,
      });
    }
    return { txHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed, logs: decodeJobMarketLogs(receipt.logs, call.address) };
  } catch (err) {
    throw mapJobMarketError(err);
  }
}

/** Decodes the JobMarket events among a receipt's logs. @internal */
export function decodeJobMarketLogs(logs: Log[], address: Address) {
  const own = logs.filter((l) => l.address.toLowerCase() === address.toLowerCase());
  return parseEventLogs({ abi: jobMarketCallAbi, logs: own });
}

/**
 * Approves the market to pull `amount` of its token from the wallet's account when the current
 * allowance is smaller (exactly `amount`, never unlimited).
 * @internal shared by postJob, acceptJob and disputeJob
 */
export async function ensureAllowance(clients: JobMarketWriteClients, market: Address, amount: bigint): Promise<void> {
  if (amount === 0n) return;
  try {
    const owner = clients.walletClient.account.address;
    const token = await clients.publicClient.readContract({ address: market, abi: jobMarketCallAbi, functionName: 'token' });
    const allowance = await clients.publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'allowance', args: [owner, market] });
    if (allowance >= amount) return;
    const hash = await clients.walletClient.writeContract({ address: token, abi: erc20Abi, functionName: 'approve', args: [market, amount] });
    const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new BaseError('CHAIN_ERROR', 'Token approval reverted', { data: { txHash: hash }, retryable: false });
  } catch (err) {
    throw mapJobMarketError(err);
  }
}

/** Picks the one event of a name from decoded logs, or throws CHAIN_ERROR. @internal */
export function eventOf<E extends ReturnType<typeof decodeJobMarketLogs>[number]['eventName']>(
  logs: ReturnType<typeof decodeJobMarketLogs>,
  eventName: E,
): Extract<ReturnType<typeof decodeJobMarketLogs>[number], { eventName: E }> {
  const found = logs.find((l) => l.eventName === eventName);
  if (!found) throw new BaseError('CHAIN_ERROR', `The receipt has no ${eventName} event`, { retryable: false });
  return found as Extract<ReturnType<typeof decodeJobMarketLogs>[number], { eventName: E }>;
}
