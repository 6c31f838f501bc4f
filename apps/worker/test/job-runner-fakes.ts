/**
 * The job runner's ports as fakes in memory, for its tests: a market (jobs, the node's holdings,
 * block hashes as beacons) and the challenge exchange (challenges, openings, step hashes, reports).
 */
import type { TransitionOpeningWire } from '@tensorgrid/protocol';
import type { ChallengePort, JobMarketPort, MarketJob } from '../src/jobs/core/job-runner-ports';

export const GRID = 10n ** 18n;

/** The hash of the block that included a job's submit, in {@link fakeMarket}. */
export const challengeBeacon = (jobId: bigint) => `0x${'c5'.repeat(31)}${jobId.toString(16).padStart(2, '0')}`;

/** A market in memory: jobs, a node's holdings, block hashes as beacons. */
export function fakeMarket(workers: number) {
  const now = Math.floor(Date.now() / 1_000);
  const jobs = new Map<bigint, MarketJob & { state: 'open' | 'accepted' | 'submitted' | 'rejected' | 'disputed' | 'contested' | 'failed' | 'settled' | 'unverified'; beacon?: string; root?: string; disputedStep?: number; verifyBy?: number }>();
  const add = (id: number, fee: bigint, terms: { specHash?: string; deadlineIn?: number } = {}) =>
    jobs.set(BigInt(id), { jobId: BigInt(id), fee, gas: 10n * GRID, deadline: now + (terms.deadlineIn ?? 3_600), specHash: terms.specHash ?? '0xaa', state: 'open' });
  const declined: bigint[] = [];
  const port: JobMarketPort = {
    openJobs: async () => [...jobs.values()].filter((j) => j.state === 'open'),
    myJobs: async () => [...jobs.values()].filter((j): j is typeof j & { state: 'accepted' | 'submitted' | 'rejected' | 'disputed' } => ['accepted', 'submitted', 'rejected', 'disputed'].includes(j.state)),
    capacity: async () => ({ workers, running: [...jobs.values()].filter((j) => j.state === 'accepted').length }),
    async accept(jobId) {
      const job = jobs.get(jobId)!;
      job.state = 'accepted';
      job.beacon = `0x${jobId.toString(16).padStart(2, '0').repeat(32)}`;
      return { beacon: job.beacon };
    },
    assignmentBeacon: async (jobId) => jobs.get(jobId)!.beacon!,
    // A beacon stands while a held job still has it (a test "reorganises" by giving the job another).
    beaconStands: async (beacon) => [...jobs.values()].some((j) => j.beacon === beacon),
    challengeBeacon: async (jobId) => challengeBeacon(jobId),
    async submit(jobId, root) {
      Object.assign(jobs.get(jobId)!, { state: 'submitted', root });
    },
    async decline(jobId) {
      declined.push(jobId);
      Object.assign(jobs.get(jobId)!, { state: 'open', beacon: undefined });
    },
    async contest(jobId) {
      jobs.get(jobId)!.state = 'contested';
    },
    async expireIfUnverified(jobId) {
      const job = jobs.get(jobId)!;
      if (job.state !== 'submitted' || job.verifyBy === undefined || Date.now() / 1_000 <= job.verifyBy) return false;
      job.state = 'unverified';
      return true;
    },
    closedJobs: async (ids) => ids.filter((id) => !jobs.has(id) || ['failed', 'settled', 'unverified'].includes(jobs.get(id)!.state)),
  };
  return { port, jobs, add, declined };
}

export function fakeExchange() {
  const challenges = new Map<bigint, { round?: number; steps: number[]; respondBy: number }>();
  const openings = new Map<string, TransitionOpeningWire>();
  const stepHashes = new Map<bigint, readonly string[]>();
  const hashesAt = new Map<bigint, number>();
  /** The verifier's report's first failure, by job. */
  const reports = new Map<bigint, { kind: string; step: number }>();
  let rejectionReads = 0;
  const port: ChallengePort = {
    challenge: async (jobId) => {
      const c = challenges.get(jobId);
      return c && { round: 0, ...c, answered: c.steps.filter((s) => openings.has(`${jobId}:${s}`)) };
    },
    answer: async (jobId, step, opening) => void openings.set(`${jobId}:${step}`, opening),
    publishStepHashes: async (jobId, hashes) => {
      stepHashes.set(jobId, hashes);
      if (!hashesAt.has(jobId)) hashesAt.set(jobId, Date.now());
    },
    rejection: async (jobId) => (rejectionReads++, { firstFailure: reports.get(jobId), stepHashesAt: hashesAt.get(jobId) }),
  };
  return { port, challenges, openings, stepHashes, hashesAt, reports, rejectionReads: () => rejectionReads };
}
