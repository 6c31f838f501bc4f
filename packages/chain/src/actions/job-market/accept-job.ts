import type { Address } from 'viem';
import { jobMarketCallAbi, mapJobMarketError, type JobMarketErrorCode } from '../../errors/job-market-errors';
import { ensureAllowance, eventOf, writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link acceptJob}. */
export interface AcceptJobParams {
  /** The JobMarket contract. */
  address: Address;
  /** The open job to accept. */
  jobId: bigint;
  /** Approve the deposit first when the allowance is short. Default true. */
  approve?: boolean;
}

/** Result of {@link acceptJob}. */
export interface AcceptJobResult extends TxOutcome {
  /** The deposit locked, in GRID base units. */
  deposit: bigint;
}

/** Codes {@link acceptJob} throws. */
export type AcceptJobErrorCode = JobMarketErrorCode;

/**
 * Accepts an open job as the wallet's account (the node), locking its deposit.
 * @param clients - public and wallet clients of the chain
 * @param params - the market and job id
 * @returns the deposit and the transaction
 * @throws BaseError JOB_NOT_FOUND, JOB_WRONG_STATE, DEADLINE_PASSED, NODE_AT_CAPACITY, INSUFFICIENT_FUNDS, CHAIN_ERROR
 */
export async function acceptJob(clients: TxClients, params: AcceptJobParams): Promise<AcceptJobResult> {
  if (params.approve !== false) {
    let deposit: bigint;
    try {
      const market = { address: params.address, abi: jobMarketCallAbi } as const;
      const [job, factor] = await Promise.all([
        clients.publicClient.readContract({ ...market, functionName: 'getJob', args: [params.jobId] }),
        clients.publicClient.readContract({ ...market, functionName: 'depositFactorBps' }),
      ]);
      deposit = (job.gas * BigInt(factor)) / 10_000n;
    } catch (err) {
      throw mapJobMarketError(err);
    }
    await ensureAllowance(clients, params.address, deposit);
  }
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'accept', args: [params.jobId] });
  return { ...tx, deposit: eventOf(logs, 'JobAccepted').args.deposit };
}
