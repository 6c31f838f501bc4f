import { isBaseError } from '@tensorgrid/protocol';
import type { Trainer } from '@tensorgrid/tensor';
import type { Logger } from 'pino';
import type { ChallengePort, JobMarketPort, MarketJob, ResolvedSpec } from './core/job-runner-ports';
import { ownHeldOutVerdict } from './own-held-out-verdict';
import type { RunStore, StoredRun } from './run-store';

/** What {@link createRejectionSettler} works with: the runner's ports and its spec and trainer lookups. */
export interface RejectionSettlerDeps {
  market: Pick<JobMarketPort, 'contest' | 'challengeBeacon' | 'assignmentBeacon'>;
  challenges: Pick<ChallengePort, 'challenge' | 'rejection'>;
  runs: Pick<RunStore, 'load'>;
  /** The resolved spec; undefined or null when it cannot be had (now). */
  resolve(specHash: string): Promise<ResolvedSpec | undefined | null>;
  /** The job's trainer with the kernel the run was trained with. */
  trainerFor(job: MarketJob, run: StoredRun, spec: ResolvedSpec): Promise<Trainer>;
  log?: Pick<Logger, 'warn' | 'error'>;
}

/** Decides rejections of the node's jobs: contest, or concede. */
export interface RejectionSettler {
  /** Contests the job's rejection or concedes it, once per verification round; true when it contested now. */
  settle(job: MarketJob): Promise<boolean>;
  /** Forgets a closed job's rounds. */
  forget(jobId: bigint): void;
}

type ContestDecision = { key: string; contest: true } | { key: string; contest: false; why: string };

/**
 * The node's answer to a rejection. An honest node contests when it answered every challenged
 * step in time from a run it kept: its answers replay exactly (canonical kernel) or within τ
 * (a tolerant job), so the verifier was wrong. It concedes (a lost contest costs the whole
 * deposit instead of 25 %) when the referee would agree: step hashes the coordinator did not
 * have by the deadline (`leaves-withheld`), or a `held-out` failure that the node's own final
 * model repeats on the referee's examples ({@link ownHeldOutVerdict}). A node that missed the
 * window neither contests nor concedes: it has nothing to show. Nor does it contest, for now, a
 * rejection of a run trained under an accept that a reorganisation has since moved to another
 * block (another job seed, so the verifier was right), without deciding the round: the index or
 * its RPC may only be on another fork for a moment.
 * @param deps - ports, spec and trainer lookups, log
 */
export function createRejectionSettler(deps: RejectionSettlerDeps): RejectionSettler {
  /** Rounds contested or conceded, as `jobId:round` (the chain moves them on; this only avoids a second try while the index lags). */
  const decided = new Set<string>();

  async function decide(job: MarketJob): Promise<ContestDecision | undefined> {
    const challenge = await deps.challenges.challenge(job.jobId);
    const key = challenge && `${job.jobId}:${challenge.round}`;
    if (!key || decided.has(key) || !challenge.steps.every((s) => challenge.answered.includes(s))) return undefined;
    const run = await deps.runs.load(job.jobId.toString());
    if (!run) return undefined;
    // A reorganisation moved the accept after the submit: the run's seed is not the job's, and the verifier was right.
    // Not contested, but not decided either: an index or RPC briefly on another fork must not make it final.
    if (run.assignment !== undefined && run.assignment !== (await deps.market.assignmentBeacon(job.jobId))) {
      deps.log?.warn({ jobId: job.jobId.toString() }, 'not contesting: the run was trained under an accept a reorganisation moved to another block (another job seed), so the referee would agree');
      return undefined;
    }
    const { firstFailure, stepHashesAt } = await deps.challenges.rejection(job.jobId);
    if (firstFailure?.kind === 'leaves-withheld' && (stepHashesAt === undefined || stepHashesAt > challenge.respondBy)) {
      return { key, contest: false, why: 'rejected for step hashes that reached the coordinator after the challenge deadline: the referee would agree' };
    }
    const T = run.stepHashes.length - 1;
    // The referee judges a held-out failure only of the final model (step T) after re-running transition T − 1, which a challenge must have named.
    if (firstFailure?.kind === 'held-out' && firstFailure.step === T && challenge.steps.includes(T - 1)) {
      const why = await heldOutConcession(job, run);
      if (why === null) return undefined;
      if (why) return { key, contest: false, why };
    }
    return { key, contest: true };
  }

  /**
   * Why the node concedes a held-out rejection: its own final model misses the floor on the
   * referee's examples. Undefined: contest (it passes, the job has no held-out check, or the
   * check cannot be run for good); null: decide later (the spec or data could not be read now).
   */
  async function heldOutConcession(job: MarketJob, run: StoredRun): Promise<string | undefined | null> {
    try {
      const spec = await deps.resolve(job.specHash);
      if (spec === null) return null;
      if (!spec) return undefined;
      const trainer = await deps.trainerFor(job, run, spec);
      const verdict = ownHeldOutVerdict({ trainer, run }, { beacon: await deps.market.challengeBeacon(job.jobId), heldOut: await spec.heldOut() });
      // Only a verdict on the committed model: W_T recomputed with another kernel than the run's would not be it.
      if (!verdict || verdict.passed || verdict.hash !== run.stepHashes[trainer.totalSteps]) return undefined;
      return `rejected for the final model's held-out accuracy, and the node's own final model scores ${verdict.accuracy.toFixed(4)} < floor ${verdict.floor.toFixed(4)} on ${verdict.examples} held-out examples: the referee would agree`;
    } catch (err) {
      if (isBaseError(err) && err.retryable) return null;
      deps.log?.warn({ err, jobId: job.jobId.toString() }, 'the node could not check its final model on the held-out draw: contesting');
      return undefined;
    }
  }

  return {
    async settle(job) {
      const decision = await decide(job).catch((err: unknown) => (deps.log?.warn({ err, jobId: job.jobId.toString() }, 'deciding whether to contest the rejection failed; retrying next tick'), undefined));
      if (!decision) return false;
      if (!decision.contest) {
        decided.add(decision.key);
        deps.log?.warn({ jobId: job.jobId.toString() }, `not contesting: ${decision.why}`);
        return false;
      }
      try {
        await deps.market.contest(job.jobId);
        decided.add(decision.key);
        deps.log?.warn({ jobId: job.jobId.toString() }, 'rejected although every challenged step was answered from the stored run: contested');
        return true;
      } catch (err) {
        // One job's failed contest (its window closed, a lagging index) must not stop the pass: disputes and new work follow.
        const final = isBaseError(err) && !err.retryable;
        if (final) decided.add(decision.key);
        deps.log?.error({ err, jobId: job.jobId.toString() }, `contesting the rejection failed${final ? '' : '; retrying next tick'}`);
        return false;
      }
    },
    forget(jobId) {
      for (const key of decided) if (key.startsWith(`${jobId}:`)) decided.delete(key);
    },
  };
}
