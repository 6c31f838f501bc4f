import { getJobChallenge, orNotFound, putJobOpening, putJobStepHashes, type CoordinatorClient } from '@tensorgrid/sdk';
import type { ChallengePort } from './core/job-runner-ports';

/**
 * The node's challenge port over the coordinator: reads a job's challenge (none yet →
 * undefined), puts its openings, signed by the node's account, and publishes its step hashes.
 * @param client - a coordinator client with the node's account
 */
export function createChallengeAdapter(client: CoordinatorClient): ChallengePort {
  return {
    async challenge(jobId) {
      const c = await orNotFound(getJobChallenge(client, { id: jobId }));
      return c && { round: c.round, steps: c.steps, answered: c.answered, respondBy: new Date(c.respondBy).getTime() };
    },
    async answer(jobId, step, opening) {
      await putJobOpening(client, { id: jobId, step, opening });
    },
    async publishStepHashes(jobId, hashes) {
      await putJobStepHashes(client, { id: jobId, hashes });
    },
  };
}
