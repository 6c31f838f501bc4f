import type { Address } from 'viem';
import type { JobMarketErrorCode } from '../../errors/job-market-errors';
import { eventOf, writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link resolveDispute}. */
export interface ResolveDisputeParams {
  /** The JobMarket contract. */
  address: Address;
  /** A disputed job. */
  jobId: bigint;
  /** Whether the one-step check proved the node's transition wrong. */
  nodeWrong: boolean;
}

/** Result of {@link resolveDispute}. */
export type ResolveDisputeResult = TxOutcome &
  (
    | { kind: 'slashed'; bounty: bigint; requesterPaid: bigint }
    | { kind: 'upheld'; nodePaid: bigint; verifierPaid: bigint }
  );

/** Codes {@link resolveDispute} throws. */
export type ResolveDisputeErrorCode = JobMarketErrorCode;

/**
 * Resolves a dispute as the referee (REFEREE_ROLE). Node wrong: its whole deposit is slashed
 * (bounty and bond to the whistleblower, the rest and the whole fee to the requester, the
 * node's shares revoked). Node right: the job settles at once and the bond goes to the node.
 * @param clients - public and wallet clients of the chain
 * @param params - the market, job id and outcome
 * @returns a tagged result and the transaction
 * @throws BaseError FORBIDDEN (no REFEREE_ROLE), JOB_NOT_FOUND, JOB_WRONG_STATE, CHAIN_ERROR
 */
export async function resolveDispute(clients: TxClients, params: ResolveDisputeParams): Promise<ResolveDisputeResult> {
  const { logs, ...tx } = await writeJobMarket(clients, { address: params.address, functionName: 'resolve', args: [params.jobId, params.nodeWrong] });
  if (params.nodeWrong) {
    const { bounty, requesterPaid } = eventOf(logs, 'DisputeResolved').args;
    return { ...tx, kind: 'slashed', bounty, requesterPaid };
  }
  const { nodePaid, verifierPaid } = eventOf(logs, 'JobSettled').args;
  return { ...tx, kind: 'upheld', nodePaid, verifierPaid };
}
