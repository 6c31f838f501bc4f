import type { Address, Chain, Hex, PublicClient, Transport } from 'viem';
import { jobMarketCallAbi, mapJobMarketError, type JobMarketErrorCode } from '../../errors/job-market-errors';
import { BaseError, JOB_STATES, type JobState } from '@tensorgrid/protocol';

/** Parameters of {@link readJob}. */
export interface ReadJobParams {
  /** The JobMarket contract. */
  address: Address;
  /** The job id. */
  jobId: bigint;
  /** Read the job as it was at this block (default: the latest). */
  blockNumber?: bigint;
}

/** Result of {@link readJob}: the job as stored. Zero addresses and hashes where not yet set. */
export interface ReadJobResult {
  jobId: bigint;
  state: JobState;
  requester: Address;
  node: Address;
  verifier: Address;
  whistleblower: Address;
  specHash: Hex;
  resultRoot: Hex;
  evidence: Hex;
  /** GRID base units. */
  fee: bigint;
  gas: bigint;
  deposit: bigint;
  bond: bigint;
  /** Unix seconds. */
  deadline: bigint;
  /** Unix seconds; 0 until a pass. */
  challengeEndsAt: bigint;
  /** UTC day of a passing verdict; 0 until then. */
  verdictDay: bigint;
  /** Unix seconds: while submitted, when anyone may end the job unverified if no verdict came; 0 otherwise. */
  verifyBy: bigint;
}

/** Codes {@link readJob} throws. */
export type ReadJobErrorCode = Extract<JobMarketErrorCode, 'JOB_NOT_FOUND' | 'CHAIN_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT'>;

/**
 * Reads one job.
 * @param publicClient - a client of the chain
 * @param params - the market and job id
 * @returns the job
 * @throws BaseError JOB_NOT_FOUND when no job has the id, or a chain code
 */
export async function readJob(publicClient: PublicClient<Transport, Chain>, params: ReadJobParams): Promise<ReadJobResult> {
  let job;
  try {
    job = await publicClient.readContract({ address: params.address, abi: jobMarketCallAbi, functionName: 'getJob', args: [params.jobId], ...(params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber }) });
  } catch (err) {
    throw mapJobMarketError(err);
  }
  const state = JOB_STATES[job.state] ?? 'none';
  if (state === 'none') throw new BaseError('JOB_NOT_FOUND', `No job ${params.jobId}`, { data: { jobId: params.jobId.toString() } });
  return {
    jobId: params.jobId,
    state,
    requester: job.requester,
    node: job.node,
    verifier: job.verifier,
    whistleblower: job.whistleblower,
    specHash: job.specHash,
    resultRoot: job.resultRoot,
    evidence: job.evidence,
    fee: job.fee,
    gas: job.gas,
    deposit: job.deposit,
    bond: job.bond,
    deadline: BigInt(job.deadline),
    challengeEndsAt: BigInt(job.challengeEndsAt),
    verdictDay: BigInt(job.verdictDay),
    verifyBy: BigInt(job.verifyBy),
  };
}
