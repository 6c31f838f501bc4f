import { getJobChallenge, getJobStepHashes, getVerdictReport, orNotFound, putJobOpening, putJobStepHashes, type CoordinatorClient } from '@tensorgrid/sdk';
import type { ChallengePort } from './core/job-runner-ports';

/**
 * The node's challenge port over the coordinator: reads a job's challenge (none yet →
 * undefined), puts its openings, signed by the node's account, publishes its step hashes, and
 * reads why a job was rejected (the verifier's report, when its step hashes arrived).
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
    async rejection(jobId) {
      const [report, hashes] = await Promise.all([orNotFound(getVerdictReport(client, { id: jobId })), orNotFound(getJobStepHashes(client, { id: jobId }))]);
      return { firstFailure: report?.report.failures[0]?.kind, stepHashesAt: hashes && Date.parse(hashes.receivedAt) };
    },
  };
}
