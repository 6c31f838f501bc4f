import type { Address, Hex } from 'viem';
import type { JobMarketErrorCode } from '../../errors/job-market-errors';
import { ensureAllowance, eventOf, writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link postJob}. */
export interface PostJobParams {
  /** The JobMarket contract. */
  address: Address;
  /** Hash of the job's spec (model, data location, hyper-parameters); the spec stays off-chain. */
  specHash: Hex;
  /** The fee escrowed, in GRID base units; at least the verifier fee. */
  fee: bigint;
  /** The job's gas (its estimated cost); a node deposits gas × depositFactorBps / 10,000. */
  gas: bigint;
  /** Unix seconds: the last second a node may accept or submit. */
  deadline: bigint;
  /** Approve the fee first when the allowance is short. Default true. */
  approve?: boolean;
}

/** Result of {@link postJob}. */
export interface PostJobResult extends TxOutcome {
  /** The new job's id. */
  jobId: bigint;
}

/** Codes {@link postJob} throws. */
export type PostJobErrorCode = JobMarketErrorCode;

/**
 * Posts a job and escrows its fee from the wallet's account.
 * @param clients - public and wallet clients of the chain
 * @param params - the market, spec hash, fee, gas and deadline
 * @returns the job id and the transaction
 * @throws BaseError VALIDATION_FAILED (fee below the verifier fee, zero gas, deadline not in the future), INSUFFICIENT_FUNDS, CHAIN_ERROR
 */
export async function postJob(clients: TxClients, params: PostJobParams): Promise<PostJobResult> {
  if (params.approve !== false) await ensureAllowance(clients, params.address, params.fee);
  const { logs, ...tx } = await writeJobMarket(clients, {
    address: params.address,
    functionName: 'post',
    args: [params.specHash, params.fee, params.gas, params.deadline],
  });
  return { ...tx, jobId: eventOf(logs, 'JobPosted').args.jobId };
}
