import type { JobEventState } from './jobs';

const BY_EVENT: Readonly<Record<string, JobEventState>> = {
  JobPosted: 'posted',
  JobCancelled: 'cancelled',
  JobAccepted: 'accepted',
  JobDeclined: 'declined',
  JobTimedOut: 'timed-out',
  JobSubmitted: 'submitted',
  JobVerified: 'verified',
  JobRejected: 'rejected',
  JobContested: 'contested',
  JobFailed: 'failed',
  JobDisputed: 'disputed',
  JobSettled: 'settled',
  JobUnverified: 'unverified',
};

/**
 * The step a JobMarket event records: `JobDeclined` → `declined`, `JobVerified` → `verified`, a
 * `DisputeResolved` proving the node wrong → `slashed` (one that does not is followed by
 * `JobSettled`, so it reads `verified`); a `ContestResolved` for the node → `submitted` again
 * (one against it is followed by `JobFailed`, so it reads `contested`); null for an event that
 * is no step of a job (`VerifierSlashed` and `VerifierReleased` are about the verifier).
 * @param name - the event's name
 * @param args - its arguments as the index stores them
 */
export function jobEventState(name: string, args: Readonly<Record<string, string | boolean>>): JobEventState | null {
  const nodeWrong = args.nodeWrong === true || args.nodeWrong === 'true';
  if (name === 'DisputeResolved') return nodeWrong ? 'slashed' : 'verified';
  if (name === 'ContestResolved') return nodeWrong ? 'contested' : 'submitted';
  return BY_EVENT[name] ?? null;
}
