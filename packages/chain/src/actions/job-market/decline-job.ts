import type { Address } from 'viem';
import type { JobMarketErrorCode } from '../../errors/job-market-errors';
import { eventOf, writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link declineJob}. */
export interface DeclineJobParams {
  /** The JobMarket contract. */
  address: Address;
  /** The job the wallet's account (its node) gives back. */
  jobId: bigint;
}

/** Result of {@link declineJob}. */
export interface DeclineJobResult extends TxOutcome {
  /** Paid to the requester from the deposit. */
  penalty: bigint;
  /** Returned to the node. */
  refunded: bigint;
}

/** Codes {@link declineJob} throws. */
export type DeclineJobErrorCode = JobMarketErrorCode;

/**
 * Declines an accepted job: the decline penalty goes to the requester, the rest of the deposit
 * back to the node, and the job is open again for other nodes.
 * @param clients - public and wallet clients of the chain
 * @param params - the market and job id
 * @returns the penalty, the refund and the transaction
 * @throws BaseError JOB_NOT_FOUND, JOB_WRONG_STATE, FORBIDDEN (not the job's node), CHAIN_ERROR
 */
export async function declineJob(clients: TxClients, params: DeclineJobParams): Promise<DeclineJobResult> {
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'decline', args: [params.jobId] });
  const { penalty, refunded } = eventOf(logs, 'JobDeclined').args;
  return { ...tx, penalty, refunded };
}
