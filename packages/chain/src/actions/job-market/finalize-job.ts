import type { Address } from 'viem';
import type { JobMarketErrorCode } from '../../errors/job-market-errors';
import { eventOf, writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link finalizeJob}. */
export interface FinalizeJobParams {
  /** The JobMarket contract. */
  address: Address;
  /** A passed job whose challenge window has closed. */
  jobId: bigint;
}

/** Result of {@link finalizeJob}. */
export interface FinalizeJobResult extends TxOutcome {
  /** The fee less the verifier fee, plus the deposit. */
  nodePaid: bigint;
  /** The verifier fee. */
  verifierPaid: bigint;
}

/** Codes {@link finalizeJob} throws. */
export type FinalizeJobErrorCode = JobMarketErrorCode;

/**
 * Pays out a passed job after its challenge window (anyone may call).
 * @param clients - public and wallet clients of the chain
 * @param params - the market and job id
 * @returns what the node and verifier got, and the transaction
 * @throws BaseError JOB_NOT_FOUND, JOB_WRONG_STATE, JOB_NOT_DUE (window still open), CHAIN_ERROR
 */
export async function finalizeJob(clients: TxClients, params: FinalizeJobParams): Promise<FinalizeJobResult> {
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'finalize', args: [params.jobId] });
  const { nodePaid, verifierPaid } = eventOf(logs, 'JobSettled').args;
  return { ...tx, nodePaid, verifierPaid };
}
