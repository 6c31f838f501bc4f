import type { Address, Hex } from 'viem';
import type { JobMarketErrorCode } from '../../errors/job-market-errors';
import { writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link submitResult}. */
export interface SubmitResultParams {
  /** The JobMarket contract. */
  address: Address;
  /** The accepted job. */
  jobId: bigint;
  /** Merkle root over the job's state hashes (the commitment the verifier samples). */
  resultRoot: Hex;
}

/** Result of {@link submitResult}. */
export type SubmitResultResult = TxOutcome;

/** Codes {@link submitResult} throws. */
export type SubmitResultErrorCode = JobMarketErrorCode;

/**
 * Submits a job's result root as its node (the wallet's account), by the deadline.
 * @param clients - public and wallet clients of the chain
 * @param params - the market, job id and result root
 * @returns the transaction
 * @throws BaseError JOB_NOT_FOUND, JOB_WRONG_STATE, FORBIDDEN (not the job's node), DEADLINE_PASSED, CHAIN_ERROR
 */
export async function submitResult(clients: TxClients, params: SubmitResultParams): Promise<SubmitResultResult> {
  const { logs: _logs, ...tx } = await writeJobMarket(clients, {
    address: params.address,
    functionName: 'submit',
    args: [params.jobId, params.resultRoot],
  });
  return tx;
}
