import type { Address } from 'viem';
import type { JobMarketErrorCode } from '../../errors/job-market-errors';
import { eventOf, writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link contestJob}. */
export interface ContestJobParams {
  /** The JobMarket contract. */
  address: Address;
  /** A rejected job of the wallet's account, inside its contest window. */
  jobId: bigint;
}

/** Codes {@link contestJob} throws. */
export type ContestJobErrorCode = JobMarketErrorCode;

/**
 * Contests a rejection as the job's node: the referee then re-runs the disputed step. Losing
 * costs the node its whole deposit (instead of the rejection's penalty); winning pays it the
 * rejecting verifier's locked bond and puts the job back for another verdict.
 * @param clients - public and wallet clients of the chain
 * @param params - the market and job id
 * @returns the transaction
 * @throws BaseError JOB_NOT_FOUND, JOB_WRONG_STATE, FORBIDDEN (not the job's node), DEADLINE_PASSED (window closed), CHAIN_ERROR
 */
export async function contestJob(clients: TxClients, params: ContestJobParams): Promise<TxOutcome> {
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'contest', args: [params.jobId] });
  eventOf(logs, 'JobContested');
  return tx;
}
