import type { Address } from 'viem';
import type { JobMarketErrorCode } from '../../errors/job-market-errors';
import { eventOf, writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link postVerdict}. */
export interface PostVerdictParams {
  /** The JobMarket contract. */
  address: Address;
  /** A submitted job. */
  jobId: bigint;
  /** Whether the result passed verification. */
  passed: boolean;
}

/** Result of {@link postVerdict}: what a pass recorded, or until when a rejection may be contested. */
export type PostVerdictResult = TxOutcome &
  (
    | { kind: 'passed'; day: bigint; shares: bigint; challengeEndsAt: bigint }
    | { kind: 'rejected'; contestEndsAt: bigint }
  );

/** Codes {@link postVerdict} throws. */
export type PostVerdictErrorCode = JobMarketErrorCode;

/**
 * Posts a verdict as a verifier (VERIFIER_ROLE), locking the market's `verifierBond` of the
 * verifier's bond until the job closes. A pass records the node's shares for the UTC day and
 * opens the challenge window; a rejection opens the window in which the node may contest it
 * (after it, {@link finalizeJob} fails the job).
 * @param clients - public and wallet clients of the chain
 * @param params - the market, job id and verdict
 * @returns a tagged result and the transaction
 * @throws BaseError FORBIDDEN (no VERIFIER_ROLE), INSUFFICIENT_STAKE (free bond below verifierBond), JOB_NOT_FOUND, JOB_WRONG_STATE, CHAIN_ERROR
 */
export async function postVerdict(clients: TxClients, params: PostVerdictParams): Promise<PostVerdictResult> {
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'verdict', args: [params.jobId, params.passed] });
  if (params.passed) {
    const { day, shares, challengeEndsAt } = eventOf(logs, 'JobVerified').args;
    return { ...tx, kind: 'passed', day: BigInt(day), shares, challengeEndsAt: BigInt(challengeEndsAt) };
  }
  return { ...tx, kind: 'rejected', contestEndsAt: BigInt(eventOf(logs, 'JobRejected').args.contestEndsAt) };
}
