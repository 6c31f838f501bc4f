import { getJob, getJobChallenge, getJobStepHashes, getVerdictReport, orNotFound, putJobOpening, putJobStepHashes, type CoordinatorClient } from '@tensorgrid/sdk';
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
      const [report, hashes, challenge, { job }] = await Promise.all([
        orNotFound(getVerdictReport(client, { id: jobId })), orNotFound(getJobStepHashes(client, { id: jobId })), orNotFound(getJobChallenge(client, { id: jobId })), getJob(client, { id: jobId }),
      ]);
      // The referee counts a report only from the verifier that challenged the job and rejected it.
      const by = report?.verifier.toLowerCase();
      const counts = by !== undefined && by === challenge?.verifier.toLowerCase() && by === job.verifier?.toLowerCase();
      const first = counts ? report!.report.failures[0] : undefined;
      return { firstFailure: first && { kind: first.kind, step: first.step }, stepHashesAt: hashes && Date.parse(hashes.receivedAt) };
    },
  };
}
