import { BaseError } from '@tensorgrid/protocol';
import { erc20Abi, parseEventLogs, type Address, type ContractFunctionArgs, type ContractFunctionName, type Log } from 'viem';
import { outcomeOf, sendContractTx, waitForSuccess, type TxClients, type TxOutcome } from '../tx-receipt';
import { jobMarketCallAbi, mapJobMarketError } from '../../errors/job-market-errors';


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
  clients: TxClients,
  call: JobMarketCall<N>,
): Promise<TxOutcome & { logs: ReturnType<typeof decodeJobMarketLogs> }> {
  try {
    const receipt = await sendContractTx(clients, { ...call, abi: jobMarketCallAbi } as never, `JobMarket.${call.functionName}`);
    return { ...outcomeOf(receipt), logs: decodeJobMarketLogs(receipt.logs, call.address) };
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
export async function ensureAllowance(clients: TxClients, market: Address, amount: bigint): Promise<void> {
  if (amount === 0n) return;
  try {
    const owner = clients.walletClient.account.address;
    const token = await clients.publicClient.readContract({ address: market, abi: jobMarketCallAbi, functionName: 'token' });
    const allowance = await clients.publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'allowance', args: [owner, market] });
    if (allowance >= amount) return;
    const hash = await clients.walletClient.writeContract({ address: token, abi: erc20Abi, functionName: 'approve', args: [market, amount] });
    await waitForSuccess(clients, hash, 'Token approval');
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
