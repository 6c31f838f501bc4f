import type { Address, Chain, PublicClient, Transport } from 'viem';
import { jobMarketCallAbi, mapJobMarketError, type JobMarketErrorCode } from '../../errors/job-market-errors';

/** Parameters of {@link readDayShares}. */
export interface ReadDaySharesParams {
  /** The JobMarket contract. */
  address: Address;
  /** UTC day number: `floor(unixSeconds / 86400)`. */
  day: bigint;
  /** The nodes whose shares to read. */
  nodes: readonly Address[];
  /** Read as of this block (a confirmed one); the latest when left out. */
  blockNumber?: bigint;
}

/** Result of {@link readDayShares}. */
export interface ReadDaySharesResult {
  /** Each node's shares that day, in the order given. */
  shares: { node: Address; shares: bigint }[];
  /** All nodes' shares that day (`totalSharesOf`). */
  totalShares: bigint;
}

/** Codes {@link readDayShares} throws. */
export type ReadDaySharesErrorCode = Extract<JobMarketErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Reads several nodes' job shares of a UTC day and the day's total, all as of one block, so the
 * caller can check that the nodes it knows account for the whole total.
 * @param publicClient - a client of the chain
 * @param params - the market, day, nodes and block
 * @returns each node's shares and the total
 * @throws BaseError with a chain code
 */
export async function readDayShares(publicClient: PublicClient<Transport, Chain>, params: ReadDaySharesParams): Promise<ReadDaySharesResult> {
  const market = { address: params.address, abi: jobMarketCallAbi } as const;
  const at = params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber };
  try {
    const [totalShares, ...shares] = await Promise.all([
      publicClient.readContract({ ...market, functionName: 'totalSharesOf', args: [params.day], ...at }),
      ...params.nodes.map((node) => publicClient.readContract({ ...market, functionName: 'sharesOf', args: [params.day, node], ...at })),
    ]);
    return { totalShares, shares: params.nodes.map((node, i) => ({ node, shares: shares[i]! })) };
  } catch (err) {
    throw mapJobMarketError(err);
  }
}
