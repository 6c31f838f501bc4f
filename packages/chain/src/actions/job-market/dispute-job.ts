import type { Address, Hex } from 'viem';
import { jobMarketCallAbi, mapJobMarketError, type JobMarketErrorCode } from '../../errors/job-market-errors';
import { ensureAllowance, eventOf, writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link disputeJob}. */
export interface DisputeJobParams {
  /** The JobMarket contract. */
  address: Address;
  /** A passed job inside its challenge window. */
  jobId: bigint;
  /** Hash of the one-step evidence (the disputed step, its checkpoint and Merkle proofs), kept off-chain. */
  evidence: Hex;
  /** Approve the bond first when the allowance is short. Default true. */
  approve?: boolean;
}

/** Result of {@link disputeJob}. */
export interface DisputeJobResult extends TxOutcome {
  /** The bond locked. */
  bond: bigint;
}

/** Codes {@link disputeJob} throws. */
export type DisputeJobErrorCode = JobMarketErrorCode;

/**
 * Disputes a passed job as a whistleblower (the wallet's account), locking the bond.
 * @param clients - public and wallet clients of the chain
 * @param params - the market, job id and evidence hash
 * @returns the bond and the transaction
 * @throws BaseError JOB_NOT_FOUND, JOB_WRONG_STATE, DEADLINE_PASSED (window closed), FORBIDDEN (the job's node), INSUFFICIENT_FUNDS, CHAIN_ERROR
 */
export async function disputeJob(clients: TxClients, params: DisputeJobParams): Promise<DisputeJobResult> {
  if (params.approve !== false) {
    let bond: bigint;
    try {
      bond = await clients.publicClient.readContract({ address: params.address, abi: jobMarketCallAbi, functionName: 'whistleblowerBond' });
    } catch (err) {
      throw mapJobMarketError(err);
    }
    await ensureAllowance(clients, params.address, bond);
  }
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'dispute', args: [params.jobId, params.evidence] });
  return { ...tx, bond: eventOf(logs, 'JobDisputed').args.bond };
}
