import type { Address, Chain, PublicClient, Transport } from 'viem';
import { jobMarketCallAbi, mapJobMarketError, type JobMarketErrorCode } from '../../errors/job-market-errors';

/** Parameters of {@link readJobMarketTerms}. */
export interface ReadJobMarketTermsParams {
  /** The JobMarket contract. */
  address: Address;
}

/** Result of {@link readJobMarketTerms}: the market's fixed terms (GRID base units, basis points, seconds). */
export interface ReadJobMarketTermsResult {
  /** The least fee a job may escrow (the verifier's pay comes out of it). */
  verifierFee: bigint;
  /** Deposit = gas × depositFactorBps / 10,000. */
  depositFactorBps: number;
  /** Seconds a passing verdict stays open to disputes. */
  challengeWindow: bigint;
  /** The JobMarket's token (GRID). */
  token: Address;
}

/** Codes {@link readJobMarketTerms} throws. */
export type ReadJobMarketTermsErrorCode = Extract<JobMarketErrorCode, 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Reads the JobMarket's immutable terms a requester needs before posting: the minimum fee,
 * the deposit factor, the challenge window and the token.
 * @param publicClient - a client of the chain
 * @param params - the market
 * @throws BaseError CHAIN_ERROR (e.g. no JobMarket at the address), NETWORK_ERROR, TIMEOUT
 */
export async function readJobMarketTerms(publicClient: PublicClient<Transport, Chain>, params: ReadJobMarketTermsParams): Promise<ReadJobMarketTermsResult> {
  const read = <F extends 'verifierFee' | 'depositFactorBps' | 'challengeWindow' | 'token'>(functionName: F) =>
    publicClient.readContract({ address: params.address, abi: jobMarketCallAbi, functionName });
  try {
    const [verifierFee, depositFactorBps, challengeWindow, token] = await Promise.all([read('verifierFee'), read('depositFactorBps'), read('challengeWindow'), read('token')]);
    return { verifierFee, depositFactorBps: Number(depositFactorBps), challengeWindow: BigInt(challengeWindow), token };
  } catch (err) {
    throw mapJobMarketError(err);
  }
}
