import type { Address, Chain, PublicClient, Transport } from 'viem';
import { jobMarketCallAbi, mapJobMarketError, type JobMarketErrorCode } from '../../errors/job-market-errors';

/** Parameters of {@link readShares}. */
export interface ReadSharesParams {
  /** The JobMarket contract. */
  address: Address;
  /** UTC day number: `floor(unixSeconds / 86400)`. */
  day: bigint;
  /** The node's account. */
  node: Address;
}

/** Result of {@link readShares}. */
export interface ReadSharesResult {
  /** The node's shares (gas of its passed jobs) that day. */
  shares: bigint;
  /** All nodes' shares that day. */
  totalShares: bigint;
}

/** Codes {@link readShares} throws. */
export type ReadSharesErrorCode = Extract<JobMarketErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Reads a node's job shares of a UTC day and the day's total. Shares of a job later proven
 * wrong in a dispute are taken back, so read a day's shares once its challenge windows closed.
 * @param publicClient - a client of the chain
 * @param params - the market, day and node
 * @returns the node's and the total shares
 * @throws BaseError with a chain code
 */
export async function readShares(publicClient: PublicClient<Transport, Chain>, params: ReadSharesParams): Promise<ReadSharesResult> {
  const market = { address: params.address, abi: jobMarketCallAbi } as const;
  try {
    const [shares, totalShares] = await Promise.all([
      publicClient.readContract({ ...market, functionName: 'sharesOf', args: [params.day, params.node] }),
      publicClient.readContract({ ...market, functionName: 'totalSharesOf', args: [params.day] }),
    ]);
    return { shares, totalShares };
  } catch (err) {
    throw mapJobMarketError(err);
  }
}
