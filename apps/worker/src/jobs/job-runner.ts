import { buildMerkleTree } from '@tensorgrid/domain';
import { isBaseError } from '@tensorgrid/protocol';
import { createTrainer, deriveJobSeed, parseTrainingJob, type Dataset } from '@tensorgrid/tensor';
import type { Logger } from 'pino';
import { hexToBytes } from 'viem';
import type { ChallengePort, HeldJob, JobMarketPort, JobSpecPort, MarketJob, ResolvedSpec } from './core/job-runner-ports';
import { kernelFits, reductionOf, type JobKernel } from './core/job-kernel';
import { selectJobs, type JobCandidate, type JobPriority } from './core/select-jobs';
import { openTransitionWire } from './open-transition-wire';
import { createRejectionSettler } from './rejection-settler';
import type { RunStore, StoredRun } from './run-store';
import type { TrainInThreadOptions, ThreadRun } from './train-in-thread';

/** What the job runner works with. */
export interface JobRunnerDeps {
  market: JobMarketPort;
  specs: JobSpecPort;
  challenges: ChallengePort;
  runs: RunStore;
  /** Trains in a thread ({@link trainInThread}). */
  train: (options: TrainInThreadOptions) => Promise<ThreadRun>;
  now: () => number;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** The node's policy and measured capacity. */
export interface JobRunnerOptions {
  priority: JobPriority;
  /** Measured sustained training speed of this machine, FLOP/s. */
  flopsPerSecond: number;
  /** Memory the node lends to jobs, bytes. */
  memoryBytes: number;
  /** K: checkpoint interval. @default 50 */
  checkpointEvery?: number;
  /** How often stored runs of closed jobs are looked for and deleted, ms. @default 60000 */
  sweepEveryMs?: number;
  /** The node's training kernel; a non-canonical one takes only tolerant jobs. @default 'canonical' */
  kernel?: JobKernel;
}

/** What one pass did, for logs and tests. */
export interface JobRunnerPass {
  accepted: bigint[];
  answered: { jobId: bigint; steps: number[] }[];
  /** Rejections contested this pass. */
  contested: bigint[];
  /** Stored runs deleted this pass: their jobs closed, so nothing can challenge them any more. */
  removed: bigint[];
}

/** The node side of the job market: picks, trains, submits and answers challenges. */
export interface JobRunner {
  /** One pass: answer challenges, then take jobs if a worker is free. Training continues in the background. */
  tick(): Promise<JobRunnerPass>;
  /** Resolves when every training started so far has been submitted or given back. */
  idle(): Promise<void>;
  /** Stops running trainings without giving their jobs back (the next start trains them again). */
  stop(): void;
}

/**
 * Creates the node's job runner (issue #5 part 4). Each tick first answers the challenges of
 * its submitted jobs from the stored runs, then, with free workers, selects open jobs by its
 * priority among those its kernel may run (a non-canonical kernel: tolerant jobs only) and it
 * can finish within the time limit and deadline and fit in memory, accepts them on chain
 * (locking the deposit), and trains each in a worker thread with its kernel and
 * jobSeed = H(jobId ‖ hash of the accept's block). Openings of a tolerant job carry W_{t+1}. A finished run is stored before its root
 * is submitted, so a restart can still answer challenges (and open the step a whistleblower
 * disputes on a tolerant job); a run that cannot finish in time
 * is declined (a smaller penalty than the timeout, and the job goes back to the market).
 * Jobs held after a restart without a stored run are trained again (the run is deterministic).
 * @param deps - ports, run store, trainer and clock
 * @param options - priority and capacity
 */
export function createJobRunner(deps: JobRunnerDeps, options: JobRunnerOptions): JobRunner {
  const kernel = options.kernel ?? 'canonical';
  const active = new Map<bigint, { promise: Promise<void>; controller: AbortController; memoryBytes: number }>();
  let stopping = false;
  let lastSweep = Number.NEGATIVE_INFINITY;
  const specs = new Map<string, ResolvedSpec | undefined>();
  // Jobs whose challenge in the current round is answered in full: no more reads until a contest the node wins starts another round.
  const settledChallenges = new Set<bigint>();
  /** Jobs whose step hashes the coordinator has. */
  const published = new Set<bigint>();
  /** Disputed jobs whose disputed step the node opened, or has nothing to open for. */
  const disputesAnswered = new Set<bigint>();
  /** When each submitted job was last checked for an expired verification window (ms). */
  const expiryChecked = new Map<bigint, number>();
  /** The resolved spec; undefined when it is unknown or invalid; null when it could not be read now (the next pass asks again). */
  const resolve = async (specHash: string): Promise<ResolvedSpec | undefined | null> => {
    if (specs.has(specHash)) return specs.get(specHash);
    const spec = await deps.specs.resolve(specHash).catch((err: unknown) => (deps.log?.warn({ err, specHash }, 'resolving a job spec failed; retrying next pass'), null));
    if (spec !== null) specs.set(specHash, spec);
    return spec;
  };
  const trainingJob = (jobId: bigint, beacon: string, spec: ResolvedSpec) => parseTrainingJob({ jobId: jobId.toString(), jobSeed: deriveJobSeed(jobId.toString(), beacon.replace(/^0x/, '')), spec: spec.training });

  const rejections = createRejectionSettler({ ...deps, resolve, trainerFor });

  function start(job: MarketJob, spec: ResolvedSpec, beacon: string): void {
    const controller = new AbortController();
    const seconds = Math.min(spec.timeLimitSeconds, job.deadline - Math.floor(deps.now() / 1_000));
    const timer = setTimeout(() => controller.abort(), Math.max(0, seconds) * 1_000);
    let trained = false;
    const promise = (async () => {
      try {
        const training = trainingJob(job.jobId, beacon, spec);
        const dataset: Dataset = await spec.dataset();
        const run = await deps.train({ job: training, dataset, checkpointEvery: options.checkpointEvery ?? 50, signal: controller.signal, kernel });
        await deps.runs.save({ jobId: job.jobId.toString(), root: run.root, stepHashes: run.stepHashes, checkpointEvery: run.checkpointEvery, checkpoints: run.checkpoints, kernel: run.kernel ?? kernel, assignment: beacon });
        trained = true;
        // A reorganisation while it trained may have put the accept in another block: the job's seed is then
        // another, and this run would fail verification. The next pass trains it again under the new beacon.
        if (!(await deps.market.beaconStands(beacon))) {
          return void deps.log?.warn({ jobId: job.jobId.toString(), trainedUnder: beacon }, "the job's accept moved to another block while it trained (a reorganisation): not submitting; the next pass trains it again");
        }
        await deps.market.submit(job.jobId, `0x${run.root}`);
        deps.log?.info({ jobId: job.jobId.toString(), root: run.root, cpuMs: Math.round(run.cpuMs) }, 'job trained and submitted');
      } catch (err) {
        // Trained and stored, but the beacon read or the submit failed (an RPC hiccup, a nonce clash): the next pass submits the stored run.
        if (trained) return void deps.log?.warn({ err, jobId: job.jobId.toString() }, "checking the job's beacon or submitting the trained job failed; the next pass submits its stored run (or trains again under a moved beacon)");
        // Stopped by the agent's shutdown: keep the job; the next start trains it again.
        if (stopping) return;
        deps.log?.warn({ err, jobId: job.jobId.toString() }, 'job could not be finished: declining it');
        await deps.market.decline(job.jobId).catch((e: unknown) => deps.log?.error({ err: e, jobId: job.jobId.toString() }, 'decline failed'));
      } finally {
        clearTimeout(timer);
        active.delete(job.jobId);
      }
    })();
    active.set(job.jobId, { promise, controller, memoryBytes: spec.memoryBytes });
  }

  /**
   * A job held but not running (from before a restart, or whose submit failed): submits its
   * stored run (giving the job back once the chain says its deadline passed), or trains it
   * again (deterministic), or gives it back when its spec is unknown or
   * the node's kernel changed to one the job's verification mode does not admit. A spec that
   * could not be read now waits for the next pass: declining would cost the penalty.
   */
  async function resume(job: HeldJob): Promise<void> {
    const beacon = await deps.market.assignmentBeacon(job.jobId);
    const stored = await deps.runs.load(job.jobId.toString());
    // Only a run of this acceptance (a job declined and taken again trains under a new beacon).
    if (stored && stored.assignment === beacon) {
      try {
        await deps.market.submit(job.jobId, `0x${stored.root}`);
      } catch (err) {
        // Too late by the chain's clock: give it back (freeing the worker slot) rather than retry forever.
        if (isBaseError(err) && err.code === 'DEADLINE_PASSED') return deps.market.decline(job.jobId);
        throw err;
      }
      return void deps.log?.info({ jobId: job.jobId.toString(), root: stored.root }, 'stored run submitted');
    }
    const spec = await resolve(job.specHash);
    if (spec === null) return;
    if (spec && kernelFits(kernel, spec.verification.mode)) start(job, spec, beacon);
    else await deps.market.decline(job.jobId);
  }

  /**
   * Ends a submitted job no verifier judged by its `verifyBy` (a chain read, at most every
   * `sweepEveryMs` per job): its deposit comes back instead of staying in escrow.
   */
  async function expireIfUnverified(job: HeldJob): Promise<boolean> {
    if (deps.now() - (expiryChecked.get(job.jobId) ?? Number.NEGATIVE_INFINITY) < (options.sweepEveryMs ?? 60_000)) return false;
    expiryChecked.set(job.jobId, deps.now());
    const expired = await deps.market.expireIfUnverified(job.jobId).catch((err: unknown) => (deps.log?.warn({ err, jobId: job.jobId.toString() }, 'checking the verification window failed; retrying later'), false));
    if (expired) {
      expiryChecked.delete(job.jobId);
      deps.log?.warn({ jobId: job.jobId.toString() }, 'no verdict came within the verification window: job ended unverified, deposit refunded');
    }
    return expired;
  }

  /** Publishes the stored run's step hashes once per job (the coordinator keeps them; a repeat is harmless). */
  async function publish(job: MarketJob): Promise<void> {
    const run = await deps.runs.load(job.jobId.toString());
    if (!run) return;
    await deps.challenges.publishStepHashes(job.jobId, run.stepHashes);
    published.add(job.jobId);
  }

  async function answer(job: MarketJob): Promise<number[]> {
    const challenge = await deps.challenges.challenge(job.jobId);
    if (!challenge) return [];
    if (deps.now() > challenge.respondBy) return (settledChallenges.add(job.jobId), []);
    const open = challenge.steps.filter((s) => !challenge.answered.includes(s));
    if (open.length === 0) return (settledChallenges.add(job.jobId), []);
    const [run, spec] = [await deps.runs.load(job.jobId.toString()), await resolve(job.specHash)];
    if (!run || !spec) return [];
    const solver = await solverFor(job, run, spec);
    const nextState = spec.verification.mode === 'tolerant';
    for (const step of open) await deps.challenges.answer(job.jobId, step, openTransitionWire(solver, step, { nextState }));
    settledChallenges.add(job.jobId);
    return open;
  }

  /**
   * A whistleblower disputed a tolerant job of this node at a step no verifier challenged: only
   * the node holds the run's states, so it opens that step (with W_{t+1}) from the stored run
   * within `DISPUTE_OPENING_WINDOW_SECONDS` of the coordinator's up time, or the referee rules against it (a failed upload is retried every tick). An exact job's
   * auditor opens the step itself; a gas dispute names no step.
   */
  async function answerDispute(job: HeldJob): Promise<number[]> {
    const step = job.disputedStep;
    const done = () => (disputesAnswered.add(job.jobId), []);
    if (step === undefined) return done();
    const spec = await resolve(job.specHash);
    if (!spec) return [];
    if (spec.verification.mode !== 'tolerant') return done();
    const run = await deps.runs.load(job.jobId.toString());
    if (!run) {
      deps.log?.error({ jobId: job.jobId.toString(), step }, `job ${job.jobId} is disputed at step ${step}, but its run is not stored: the step cannot be opened and the node will lose its deposit`);
      return done();
    }
    // A step the job does not have: the referee rules for the node without an opening.
    if (step >= run.stepHashes.length - 1) return done();
    const solver = await solverFor(job, run, spec);
    await deps.challenges.answer(job.jobId, step, openTransitionWire(solver, step, { nextState: true }));
    disputesAnswered.add(job.jobId);
    return [step];
  }

  /** The job's trainer with the kernel the run was trained with: W_t is recomputed from a checkpoint with the same sums. */
  async function trainerFor(job: MarketJob, run: StoredRun, spec: ResolvedSpec) {
    const reduction = reductionOf(run.kernel ?? 'canonical');
    return createTrainer(trainingJob(job.jobId, await deps.market.assignmentBeacon(job.jobId), spec), await spec.dataset(), reduction ? { reduction } : {});
  }

  async function solverFor(job: MarketJob, run: StoredRun, spec: ResolvedSpec) {
    const trainer = await trainerFor(job, run, spec);
    return { trainer, run, tree: buildMerkleTree(run.stepHashes.map((h) => hexToBytes(`0x${h}`)), trainer.digest) };
  }

  /**
   * Deletes the stored runs of jobs that closed (settled, failed, slashed, timed out,
   * cancelled) or went to another node: no challenge, contest or dispute can reach them, and
   * checkpoints would otherwise fill the node's disk. Jobs the node holds are never asked about.
   */
  async function sweep(mine: readonly MarketJob[]): Promise<bigint[]> {
    if (deps.now() - lastSweep < (options.sweepEveryMs ?? 60_000)) return [];
    lastSweep = deps.now();
    const held = new Set([...mine.map((j) => j.jobId), ...active.keys()]);
    const stored = (await deps.runs.list()).filter((id) => /^\d{1,78}$/.test(id)).map(BigInt).filter((id) => !held.has(id));
    const closed = stored.length > 0 ? await deps.market.closedJobs(stored) : [];
    for (const jobId of closed) {
      await deps.runs.remove(jobId.toString());
      settledChallenges.delete(jobId);
      rejections.forget(jobId);
      published.delete(jobId);
      disputesAnswered.delete(jobId);
      expiryChecked.delete(jobId);
      deps.log?.info({ jobId: jobId.toString() }, `job ${jobId} closed: its stored run was deleted`);
    }
    return closed;
  }

  return {
    async tick() {
      const pass: JobRunnerPass = { accepted: [], answered: [], contested: [], removed: [] };
      const mine = await deps.market.myJobs();
      pass.removed = await sweep(mine).catch((err: unknown) => (deps.log?.warn({ err }, 'sweeping stored runs failed; retrying later'), []));
      for (const job of mine) {
        if (job.state === 'submitted') {
          if (await expireIfUnverified(job)) continue;
          if (!published.has(job.jobId)) await publish(job).catch((err: unknown) => deps.log?.warn({ err, jobId: job.jobId.toString() }, 'publishing step hashes failed; retrying next tick'));
          if (settledChallenges.has(job.jobId)) continue;
          const steps = await answer(job).catch((err: unknown) => (deps.log?.error({ err, jobId: job.jobId.toString() }, 'answering a challenge failed'), []));
          if (steps.length > 0) pass.answered.push({ jobId: job.jobId, steps });
        } else if (job.state === 'rejected') {
          // A rejection ends the round: a contest the node wins starts another, with a new challenge to answer.
          settledChallenges.delete(job.jobId);
          if (await rejections.settle(job)) pass.contested.push(job.jobId);
        } else if (job.state === 'disputed') {
          if (disputesAnswered.has(job.jobId)) continue;
          const steps = await answerDispute(job).catch((err: unknown) => {
            // Refused for good (a step a challenge named, or another opening kept): no retry.
            const final = isBaseError(err) && !err.retryable;
            if (final) disputesAnswered.add(job.jobId);
            deps.log?.error({ err, jobId: job.jobId.toString() }, `opening the disputed step failed${final ? '' : '; retrying next tick'}`);
            return [];
          });
          if (steps.length > 0) pass.answered.push({ jobId: job.jobId, steps });
        } else if (!active.has(job.jobId)) {
          await resume(job).catch((err: unknown) => deps.log?.error({ err, jobId: job.jobId.toString() }, 'resuming a held job failed; retrying next tick'));
        }
      }
      const { workers, running } = await deps.market.capacity();
      if (running >= workers) return pass;
      const nowSeconds = Math.floor(deps.now() / 1_000);
      const candidates: (JobCandidate & { job: MarketJob; spec: ResolvedSpec })[] = [];
      for (const job of await deps.market.openJobs()) {
        const spec = await resolve(job.specHash);
        if (spec) candidates.push({ ...job, specGas: spec.gas, flops: spec.flops, timeLimitSeconds: spec.timeLimitSeconds, memoryBytes: spec.memoryBytes, verification: spec.verification.mode, job, spec });
      }
      const used = [...active.values()].reduce((sum, a) => sum + a.memoryBytes, 0);
      const { picked } = selectJobs(candidates, { capacity: { workers, running, flopsPerSecond: options.flopsPerSecond, freeMemoryBytes: options.memoryBytes - used }, priority: options.priority, nowSeconds, kernel });
      for (const candidate of picked as typeof candidates) {
        try {
          const { beacon } = await deps.market.accept(candidate.jobId);
          pass.accepted.push(candidate.jobId);
          start(candidate.job, candidate.spec, beacon);
        } catch (err) {
          // Another node was faster, or the deposit is short: try again next pass.
          deps.log?.warn({ err, jobId: candidate.jobId.toString() }, 'accepting a job failed');
        }
      }
      return pass;
    },
    async idle() {
      while (active.size > 0) await Promise.all([...active.values()].map((a) => a.promise));
    },
    stop() {
      stopping = true;
      for (const a of active.values()) a.controller.abort();
    },
  };
}
