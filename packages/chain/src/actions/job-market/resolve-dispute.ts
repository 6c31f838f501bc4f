import type { Address } from 'viem';
import type { JobMarketErrorCode } from '../../errors/job-market-errors';
import { eventOf, writeJobMarket } from './write-job-market';
import { type TxOutcome, type TxClients } from '../tx-receipt';

/** Parameters of {@link resolveDispute}. */
export interface ResolveDisputeParams {
  /** The JobMarket contract. */
  address: Address;
  /** A disputed (passed, then challenged) or contested (rejected, then contested) job. */
  jobId: bigint;
  /** Whether the one-step check proved the node's transition wrong. */
  nodeWrong: boolean;
  /**
   * A dispute at a step the passing verifier did not have to check (a whistleblower's audit):
   * with `nodeWrong`, the node is slashed by `resolveAudit`, the verifier's locked bond released
   * and its fee paid (`verifierSlashed` 0, `verifierPaid` the fee). Ignored otherwise.
   */
  audit?: boolean;
}

/**
 * Result of {@link resolveDispute}. A dispute: `slashed` (node wrong; `verifierSlashed` is the
 * bond the passing verifier lost to the whistleblower, or `verifierPaid` its fee after an audit)
 * or `upheld`. A contest: `failed` (node
 * wrong, its whole deposit lost) or `resubmitted` (node right: the rejecting verifier's bond went
 * to the node and the job awaits another verdict).
 */
export type ResolveDisputeResult = TxOutcome &
  (
    | { kind: 'slashed'; bounty: bigint; requesterPaid: bigint; verifierSlashed: bigint; verifierPaid: bigint }
    | { kind: 'upheld'; nodePaid: bigint; verifierPaid: bigint }
    | { kind: 'failed'; verifierPaid: bigint; penalty: bigint; feeRefund: bigint }
    | { kind: 'resubmitted'; verifierSlashed: bigint }
  );

/** Codes {@link resolveDispute} throws. */
export type ResolveDisputeErrorCode = JobMarketErrorCode;

/**
 * Resolves a dispute or a contest as the referee (REFEREE_ROLE), after re-running the one
 * disputed step. A dispute, node wrong: its whole deposit is slashed (bounty and bond to the
 * whistleblower, the rest and the whole fee to the requester, the node's shares revoked) and
 * the verifier that passed it loses its locked bond to the whistleblower, unless the step was
 * one it did not have to check (`audit`: its bond is released and its fee paid); node right: the job
 * settles at once and the bond goes to the node. A contest: see {@link ResolveDisputeResult}.
 * @param clients - public and wallet clients of the chain
 * @param params - the market, job id and outcome
 * @returns a tagged result and the transaction
 * @throws BaseError FORBIDDEN (no REFEREE_ROLE), JOB_NOT_FOUND, JOB_WRONG_STATE, CHAIN_ERROR
 */
export async function resolveDispute(clients: TxClients, params: ResolveDisputeParams): Promise<ResolveDisputeResult> {
  const { logs, ...tx } = params.audit && params.nodeWrong
    ? await writeJobMarket(clients, { address: params.address, functionName: 'resolveAudit', args: [params.jobId] })
    : await writeJobMarket(clients, { address: params.address, functionName: 'resolve', args: [params.jobId, params.nodeWrong] });
  const slashed = logs.find((l) => l.eventName === 'VerifierSlashed')?.args;
  const verifierSlashed = slashed && 'amount' in slashed ? slashed.amount : 0n;
  if (logs.some((l) => l.eventName === 'ContestResolved')) {
    if (!params.nodeWrong) return { ...tx, kind: 'resubmitted', verifierSlashed };
    const { verifierPaid, penalty, feeRefund } = eventOf(logs, 'JobFailed').args;
    return { ...tx, kind: 'failed', verifierPaid, penalty, feeRefund };
  }
  if (params.nodeWrong) {
    const { bounty, requesterPaid } = eventOf(logs, 'DisputeResolved').args;
    const released = logs.find((l) => l.eventName === 'VerifierReleased')?.args;
    const verifierPaid = released && 'feePaid' in released ? released.feePaid : 0n;
    return { ...tx, kind: 'slashed', bounty, requesterPaid, verifierSlashed, verifierPaid };
  }
  const { nodePaid, verifierPaid } = eventOf(logs, 'JobSettled').args;
  return { ...tx, kind: 'upheld', nodePaid, verifierPaid };
}
