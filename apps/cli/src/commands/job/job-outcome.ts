import type { JobDetailResponse, JobState } from '@tensorgrid/protocol';

/** Who a payout went to. */
export type PayoutParty = 'node' | 'verifier' | 'requester' | 'whistleblower';

/** One payment the JobMarket made for a job, read from its events. */
export interface JobPayout {
  to: PayoutParty;
  /** GRID base units, decimal. */
  amount: string;
  /** What it was: the event argument, e.g. `nodePaid`, `penalty`. */
  what: string;
  event: string;
  block: number;
}

/** A job's outcome so far, as `tgrid job result` shows it. */
export interface JobOutcome {
  id: string;
  state: JobState;
  final: boolean;
  node: string | null;
  resultRoot: string | null;
  verdict: 'passed' | 'rejected' | 'failed' | 'overturned' | null;
  verifier: string | null;
  payouts: JobPayout[];
  /** What the job waits for next; null once it is final. */
  waitingFor: string | null;
}

// Each event's paid amounts and who got them (see IJobMarket's events).
const PAYOUTS: Readonly<Record<string, readonly [string, PayoutParty][]>> = {
  JobCancelled: [['refunded', 'requester']],
  JobDeclined: [['penalty', 'requester'], ['refunded', 'node']],
  JobTimedOut: [['penalty', 'requester'], ['nodeRefund', 'node'], ['feeRefund', 'requester']],
  JobFailed: [['verifierPaid', 'verifier'], ['penalty', 'requester'], ['nodeRefund', 'node'], ['feeRefund', 'requester']],
  DisputeResolved: [['bounty', 'whistleblower'], ['requesterPaid', 'requester']],
  JobSettled: [['nodePaid', 'node'], ['verifierPaid', 'verifier']],
  VerifierReleased: [['feePaid', 'verifier']],
  JobUnverified: [['nodeRefund', 'node'], ['feeRefund', 'requester']],
};
const FINAL: readonly JobState[] = ['settled', 'failed', 'timed-out', 'cancelled', 'slashed', 'unverified'];

/**
 * A job's outcome from its indexed state and history: verdict, payouts, and what it waits for.
 * @param detail - the job and its events from the coordinator's index
 */
export function jobOutcome(detail: JobDetailResponse): JobOutcome {
  const { job, events } = detail;
  const payouts: JobPayout[] = [];
  let verdict: JobOutcome['verdict'] = null;
  for (const e of events) {
    for (const [what, to] of PAYOUTS[e.name] ?? []) {
      const amount = e.args[what];
      if (typeof amount === 'string' && amount !== '0') payouts.push({ to, amount, what, event: e.name, block: e.block });
    }
    // A verifier proven wrong pays its locked bond to whoever proved it: the whistleblower or the node.
    if (e.name === 'VerifierSlashed' && typeof e.args.amount === 'string') {
      payouts.push({ to: e.args.to === job.node ? 'node' : 'whistleblower', amount: e.args.amount, what: 'verifier bond', event: e.name, block: e.block });
    }
    if (e.name === 'JobVerified') verdict = 'passed';
    if (e.name === 'JobRejected') verdict = 'rejected';
    // A contest the node won sends the job back for another verdict.
    if (e.name === 'ContestResolved' && e.state === 'submitted') verdict = null;
    if (e.name === 'JobFailed') verdict = 'failed';
    if (e.name === 'DisputeResolved' && e.state === 'slashed') verdict = 'overturned';
  }
  const waiting: Partial<Record<JobState, string>> = {
    posted: `a node to accept it (until ${job.deadline})`,
    accepted: `node ${job.node ?? '?'} to submit its result (until ${job.deadline})`,
    submitted: 'a verifier\'s verdict on the result (with none within the market\'s verification window, anyone may end it unverified: `tgrid job timeout <id>`)',
    verified: `its challenge window to close (${job.challengeEndsAt ?? '?'}); then anyone may finalize it and the node and verifier are paid`,
    disputed: 'the referee to resolve the dispute',
    rejected: `its contest window to close (${job.challengeEndsAt ?? '?'}); the node may contest until then, else anyone may finalize it as failed`,
    contested: 'the referee to re-run the contested step',
  };
  return {
    id: job.id,
    state: job.state,
    final: FINAL.includes(job.state),
    node: job.node,
    resultRoot: job.resultRoot,
    verdict,
    verifier: job.verifier,
    payouts,
    waitingFor: waiting[job.state] ?? null,
  };
}
