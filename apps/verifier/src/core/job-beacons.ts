import type { JobEventView } from '@tensorgrid/protocol';

/** The blocks whose hashes are a job's two beacons. */
export interface BeaconBlocks {
  /**
   * The assignment beacon's block: the block of the job's last `JobAccepted` (a declined job
   * is accepted again, and the node that holds it trained with the latest). Nobody knew its
   * hash before the accept was mined, so neither party could steer the job seed
   * jobSeed = H(jobId ‖ that hash) (the worker's job runner derives it the same way).
   */
  assignment: number;
  /**
   * The challenge beacon's block: the block of the last `JobSubmitted`, the transaction that
   * committed the result root. Its hash is revealed only after the root was on chain, so the
   * node could not know which transitions would be challenged when it committed.
   */
  challenge: number;
}

/**
 * Finds a job's beacon blocks in its index history; undefined when either event is missing
 * (an index that is behind the chain, or a job that never got that far).
 * @param events - the job's events, oldest first, as `GET /v1/jobs/:id` returns them
 */
export function beaconBlocks(events: readonly Pick<JobEventView, 'name' | 'block' | 'logIndex'>[]): BeaconBlocks | undefined {
  const last = (name: string) => events.filter((e) => e.name === name).sort((a, b) => a.block - b.block || a.logIndex - b.logIndex).at(-1);
  const accepted = last('JobAccepted');
  const submitted = last('JobSubmitted');
  if (!accepted || !submitted || submitted.block < accepted.block) return undefined;
  return { assignment: accepted.block, challenge: submitted.block };
}
