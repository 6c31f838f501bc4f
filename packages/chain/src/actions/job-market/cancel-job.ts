import type { Address } from 'viem';
import type { JobMarketErrorCode } from '../../errors/job-market-errors';
import { type TxClients, type TxOutcome } from '../tx-receipt';
import { eventOf, writeJobMarket } from './write-job-market';

/** Parameters of {@link cancelJob}. */
export interface CancelJobParams {
  /** The JobMarket contract. */
  address: Address;
  /** An open job of the caller's that no node has accepted. */
  jobId: bigint;
}

/** Result of {@link cancelJob}. */
export interface CancelJobResult extends TxOutcome {
  /** The fee returned to the requester. */
  refunded: bigint;
}

/** Codes {@link cancelJob} throws. */
export type CancelJobErrorCode = JobMarketErrorCode;

/**
 * Withdraws an open job nobody has accepted; the requester gets its whole fee back.
 * @param clients - public and wallet clients of the requester
 * @param params - the market and job id
 * @returns the refund and the transaction
 * @throws BaseError JOB_NOT_FOUND, JOB_WRONG_STATE (already accepted), FORBIDDEN (not the requester), CHAIN_ERROR
 */
export async function cancelJob(clients: TxClients, params: CancelJobParams): Promise<CancelJobResult> {
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'cancel', args: [params.jobId] });
  return { ...tx, refunded: eventOf(logs, 'JobCancelled').args.refunded };
}
