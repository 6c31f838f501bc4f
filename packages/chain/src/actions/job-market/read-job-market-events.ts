import type { Address, Chain, Hex, PublicClient, Transport } from 'viem';
import { jobMarketCallAbi, mapJobMarketError } from '../../errors/job-market-errors';

/** Parameters of {@link readJobMarketEvents}. */
export interface ReadJobMarketEventsParams {
  /** The JobMarket contract. */
  address: Address;
  /** First block, inclusive. */
  fromBlock: bigint;
  /** Last block, inclusive. */
  toBlock: bigint;
}

/** One event of one job, decoded; integer arguments as decimal strings, addresses lower-case. */
export interface JobMarketEvent {
  jobId: bigint;
  name: string;
  block: bigint;
  /** The hash of its block, lower-case. */
  blockHash: Hex;
  logIndex: number;
  txHash: Hex;
  args: Record<string, string | boolean>;
}

/**
 * Reads the JobMarket's job events (every event but `WorkersSet`) in a block range, in chain
 * order. Keep ranges modest (a few thousand blocks): RPC providers cap `eth_getLogs`.
 * @param publicClient - a client of the chain
 * @param params - the market and the block range
 * @throws BaseError CHAIN_ERROR, NETWORK_ERROR or TIMEOUT
 */
export async function readJobMarketEvents(publicClient: PublicClient<Transport, Chain>, params: ReadJobMarketEventsParams): Promise<JobMarketEvent[]> {
  let logs;
  try {
    logs = await publicClient.getContractEvents({ address: params.address, abi: jobMarketCallAbi, fromBlock: params.fromBlock, toBlock: params.toBlock, strict: true });
  } catch (err) {
    throw mapJobMarketError(err);
  }
  const events: JobMarketEvent[] = [];
  for (const log of logs) {
    const args = log.args as Record<string, unknown>;
    if (typeof args.jobId !== 'bigint' || log.blockNumber === null || log.blockHash === null || log.logIndex === null || log.transactionHash === null) continue;
    events.push({
      jobId: args.jobId,
      name: log.eventName,
      block: log.blockNumber,
      blockHash: log.blockHash.toLowerCase() as Hex,
      logIndex: log.logIndex,
      txHash: log.transactionHash,
      args: Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'boolean' ? v : String(v).toLowerCase()])),
    });
  }
  return events;
}
