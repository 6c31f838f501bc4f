import type { JobEventRecord } from '@tensorgrid/domain';

/**
 * A job's current verification round: 0, plus one for every contested rejection the node won
 * (`ContestResolved` with `nodeWrong` false). The JobMarket then slashes the verifier and
 * puts the job back to `submitted` for another verdict, which takes a new challenge.
 * @param events - the job's indexed events
 */
export function verificationRound(events: readonly Pick<JobEventRecord, 'name' | 'args'>[]): number {
  return events.filter((e) => e.name === 'ContestResolved' && e.args.nodeWrong === false).length;
}
