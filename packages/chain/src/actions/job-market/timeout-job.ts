import type { Address } from 'viem';
import type { JobMarketErrorCode } from '../../errors/job-market-errors';
import { readJob } from './read-job';
import { eventOf, writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link timeoutJob}. */
export interface TimeoutJobParams {
  /** The JobMarket contract. */
  address: Address;
  /** An accepted, unsubmitted job whose deadline has passed. */
  jobId: bigint;
}

/** Result of {@link timeoutJob}. */
export interface TimeoutJobResult extends TxOutcome {
  /** Taken from the deposit for the requester. */
  penalty: bigint;
  /** The rest of the deposit, back to the node. */
  nodeRefund: bigint;
  /** The fee, back to the requester. */
  feeRefund: bigint;
}

/** Parameters of {@link expireUnverifiedJob}. */
export interface ExpireUnverifiedJobParams {
  /** The JobMarket contract. */
  address: Address;
  /** A submitted job that got no verdict by its `verifyBy`. */
  jobId: bigint;
}

/** Result of {@link expireUnverifiedJob}. */
export interface ExpireUnverifiedJobResult extends TxOutcome {
  /** The whole deposit, back to the node. */
  nodeRefund: bigint;
  /** The fee, back to the requester. */
  feeRefund: bigint;
}

/** Codes {@link timeoutJob} throws. */
export type TimeoutJobErrorCode = JobMarketErrorCode;

/**
 * Times out an accepted job after its deadline (anyone may call).
 * @param clients - public and wallet clients of the chain
 * @param params - the market and job id
 * @returns the penalty, both refunds and the transaction
 * @throws BaseError JOB_NOT_FOUND, JOB_WRONG_STATE, JOB_NOT_DUE (deadline not passed), CHAIN_ERROR
 */
export async function timeoutJob(clients: TxClients, params: TimeoutJobParams): Promise<TimeoutJobResult> {
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'timeout', args: [params.jobId] });
  const { penalty, nodeRefund, feeRefund } = eventOf(logs, 'JobTimedOut').args;
  return { ...tx, penalty, nodeRefund, feeRefund };
}

/**
 * Ends a submitted job that got no verdict by its `verifyBy` (anyone may call): no verifier
 * judged it, so nobody is at fault: the fee goes back to the requester, the deposit to the node.
 * @param clients - public and wallet clients of the chain
 * @param params - the market and job id
 * @returns both refunds and the transaction
 * @throws BaseError JOB_NOT_FOUND, JOB_WRONG_STATE, JOB_NOT_DUE (the verification window is open), CHAIN_ERROR
 */
export async function expireUnverifiedJob(clients: TxClients, params: ExpireUnverifiedJobParams): Promise<ExpireUnverifiedJobResult> {
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'expireUnverified', args: [params.jobId] });
  const { nodeRefund, feeRefund } = eventOf(logs, 'JobUnverified').args;
  return { ...tx, nodeRefund, feeRefund };
}

/**
 * Ends the job unverified if it is due: submitted, and past its `verifyBy` by the chain's clock
 * (the node's and the canary bot's check each pass). False, and nothing sent, while a verdict may still come.
 * @param clients - public and wallet clients of the chain
 * @param params - the market and job id
 * @returns whether the job was ended now
 * @throws BaseError JOB_NOT_FOUND, CHAIN_ERROR (and {@link expireUnverifiedJob}'s codes)
 */
export async function expireUnverifiedJobIfDue(clients: TxClients, params: ExpireUnverifiedJobParams): Promise<boolean> {
  const [job, head] = await Promise.all([readJob(clients.publicClient, params), clients.publicClient.getBlock()]);
  if (job.state !== 'submitted' || job.verifyBy === 0n || head.timestamp <= job.verifyBy) return false;
  await expireUnverifiedJob(clients, params);
  return true;
}
