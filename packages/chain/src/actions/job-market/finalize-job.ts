import type { Address } from 'viem';
import type { JobMarketErrorCode } from '../../errors/job-market-errors';
import { eventOf, writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link finalizeJob}. */
export interface FinalizeJobParams {
  /** The JobMarket contract. */
  address: Address;
  /** A passed or rejected job whose window has closed. */
  jobId: bigint;
}

/**
 * Result of {@link finalizeJob}: a passed job settled (the node got the fee less the verifier
 * fee, plus its deposit), or a rejected, uncontested job failed (the verifier fee and the
 * penalty from the deposit, the fee refunded to the requester, the rest back to the node).
 */
export type FinalizeJobResult = TxOutcome &
  (
    | { kind: 'settled'; nodePaid: bigint; verifierPaid: bigint }
    | { kind: 'failed'; verifierPaid: bigint; penalty: bigint; nodeRefund: bigint; feeRefund: bigint }
  );

/** Codes {@link finalizeJob} throws. */
export type FinalizeJobErrorCode = JobMarketErrorCode;

/**
 * Closes a passed or rejected job after its window (anyone may call).
 * @param clients - public and wallet clients of the chain
 * @param params - the market and job id
 * @returns what the node and verifier got, and the transaction
 * @throws BaseError JOB_NOT_FOUND, JOB_WRONG_STATE, JOB_NOT_DUE (window still open), CHAIN_ERROR
 */
export async function finalizeJob(clients: TxClients, params: FinalizeJobParams): Promise<FinalizeJobResult> {
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'finalize', args: [params.jobId] });
  if (logs.some((l) => l.eventName === 'JobFailed')) {
    const { verifierPaid, penalty, nodeRefund, feeRefund } = eventOf(logs, 'JobFailed').args;
    return { ...tx, kind: 'failed', verifierPaid, penalty, nodeRefund, feeRefund };
  }
  const { nodePaid, verifierPaid } = eventOf(logs, 'JobSettled').args;
  return { ...tx, kind: 'settled', nodePaid, verifierPaid };
}
