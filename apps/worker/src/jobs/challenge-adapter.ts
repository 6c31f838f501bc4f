import { isBaseError } from '@tensorgrid/protocol';
import { getJobChallenge, putJobOpening, type CoordinatorClient } from '@tensorgrid/sdk';
import type { ChallengePort } from './core/job-runner-ports';

/**
 * The node's challenge port over the coordinator: reads a job's challenge (none yet →
 * undefined) and puts its openings, signed by the node's account.
 * @param client - a coordinator client with the node's account
 */
export function createChallengeAdapter(client: CoordinatorClient): ChallengePort {
  return {
    async challenge(jobId) {
      try {
        const c = await getJobChallenge(client, { id: jobId });
        return { steps: c.steps, answered: c.answered, respondBy: new Date(c.respondBy).getTime() };
      } catch (err) {
        if (isBaseError(err) && err.code === 'NOT_FOUND') return undefined;
        throw err;
      }
    },
    async answer(jobId, step, opening) {
      await putJobOpening(client, { id: jobId, step, opening });
    },
  };
}
