import { finalizeJob, postVerdict, readJob, type WalletChainClients } from '@tensorgrid/chain';
import { isBaseError, type IndexedJobView, type JobChallengeView } from '@tensorgrid/protocol';
import { getJob, getJobChallenge, getJobOpening, getJobStepHashes, listAllJobs, orNotFound, postJobChallenge, putVerdictReport, type CoordinatorClient } from '@tensorgrid/sdk';
import { challengedSteps, verifyCommitment, type ChallengeOpening, type VerificationReport } from '@tensorgrid/verification';
import type { Logger } from 'pino';
import type { Address } from 'viem';
import { toWireReport } from './core/to-wire-report';
import { loadVerifierJob, type VerifierJob } from './load-verifier-job';
import { createBondBudget, type BondBudget } from './verifier-bond-budget';
import { challengeOpeningFromWire, finalOpening } from './wire-openings';

/** What the verifier agent works with. */
export interface VerifierAgentDeps {
  /** A coordinator client signing with the verifier's account (VERIFIER_ROLE on the market). */
  coordinator: CoordinatorClient;
  /** The verifier's chain clients (same account). */
  chain: WalletChainClients;
  /** The JobMarket contract. */
  market: Address;
  /** Milliseconds since the epoch (a fake in tests). */
  now: () => number;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** The agent's policy. */
export interface VerifierAgentOptions {
  /**
   * q uniformly sampled transitions. @default 48, the protocol's: the referee holds a passing
   * verifier to the steps the q = 48 draw names (draws of other q are other steps, not more or
   * fewer of them), so only tests, standing in for lazy verifiers, set another.
   */
  q?: number;
  /** The node's time to answer a challenge. @default 120 */
  respondWithinSeconds?: number;
  /** Verdicts of bond to add from the account's GRID, beyond its open challenges', when the free bond does not cover those and one more. @default 0 (never tops up) */
  bondVerdicts?: number;
}

/** What one tick did with one job. */
export type VerifierJobOutcome =
  | { kind: 'challenged'; jobId: bigint; steps: number[] }
  | { kind: 'waiting'; jobId: bigint; answered: number; steps: number }
  | { kind: 'verdict'; jobId: bigint; report: VerificationReport; cpuMs: number; txHash: string }
  | { kind: 'skipped'; jobId: bigint; why: string }
  /** Not challenged or judged this tick: the tick's free bond (`free`, GRID base units, read at its start) went to its own challenges and earlier jobs. */
  | { kind: 'bond-short'; jobId: bigint; free: bigint; perVerdict: bigint }
  | { kind: 'finalized'; jobId: bigint; outcome: 'settled' | 'failed'; verifierPaid: bigint };

/** The verifier agent: one stateless pass per tick. */
export interface VerifierAgent {
  /**
   * Closes its own verdicts whose window has ended (which pays its fee and frees their bond),
   * then looks at every submitted job once: challenges, waits, or verifies and posts the verdict.
   */
  tick(): Promise<VerifierJobOutcome[]>;
}

/**
 * The report on a job whose gas on chain is not its spec's: failed at leaf T, nothing replayed.
 * @param job - the loaded job
 */
function gasMismatchReport(job: VerifierJob): VerificationReport {
  const detail = `the job's gas on chain is ${job.gas.posted}, its spec's (jobGas) ${job.gas.spec}`;
  return { passed: false, checkedSteps: [], failures: [{ step: job.trainer.totalSteps, kind: 'gas-mismatch', detail }] };
}

/** One tick's bond: the verdicts its free bond covers, taken one at a time. */
interface TickBond {
  budget: BondBudget;
  /** Whether a verdict's bond is left. */
  left(): boolean;
  /** Takes a verdict's bond: for a verdict now, for a challenge now, or held for a challenged job still answering. */
  take(): void;
}

function tickBond(budget: BondBudget, taken: number): TickBond {
  let left = budget.verdicts - taken;
  return { budget, left: () => left > 0, take: () => void left-- };
}

/** Where a submitted job comes in a tick's bond order: our challenges ready for a verdict, ours still answering, then the rest. */
const NOT_OURS = 2;

/**
 * Creates the verifier agent (issue #5 part 5). It keeps no state of its own: each tick reads
 * the submitted jobs from the coordinator's index and each job's challenge back from the
 * coordinator, so a restart carries on where it was.
 * - No challenge yet: draw the transitions from the challenge beacon (the JobSubmitted
 *   block's hash, revealed after the root was committed) with `challengedSteps` and post them.
 * - Our challenge, every step answered or its `respondBy` passed: fetch the openings, check
 *   them with `verifyCommitment` in the spec's mode (exact replay, or tolerant: each committed
 *   W_{t+1} within τ of one canonical step; withheld openings fail as `withheld`), check the
 *   final model on the held-out draw (a real file: its held-out rows, if the spec holds any), require the node's published
 *   step hashes to be the committed leaves (else `leaves-withheld`: no one could audit the job),
 *   and post the verdict. The node's answer window covers the step hashes too.
 * - A job whose gas on chain is not its spec's (`jobGas`; the day's shares are paid by gas):
 *   rejected as `gas-mismatch` as soon as it is challenged, nothing replayed.
 * - Bond: each tick it reads its free bond once (topping it up by `bondVerdicts` from its GRID
 *   when it does not cover its open challenges and one more) and spends it a verdict at a time:
 *   first on the jobs it challenged (a verdict now, or held for one while the node answers),
 *   then on new challenges. A job beyond the budget waits (`bond-short`), unchallenged, free
 *   for another verifier.
 * - Another verifier's challenge, or a job whose spec or data cannot be loaded: skip (logged).
 * - A job whose node won a contest against our rejection is back in `submitted` for a new
 *   round: the coordinator refuses our challenge of it (another verifier must judge it), so
 *   we skip it, and remember that to spare the job's loading on later ticks.
 * @param deps - coordinator client, chain clients, market, clock and log
 * @param options - q, the answer window and the bond to keep
 */
export function createVerifierAgent(deps: VerifierAgentDeps, options: VerifierAgentOptions = {}): VerifierAgent {
  const me = deps.chain.account.address.toLowerCase();
  const q = options.q ?? 48;
  // Only to log each skip once per reason, not every tick; nothing the agent decides on.
  const skipsLogged = new Map<string, string>();
  // Jobs on which our rejection was overturned (the coordinator refuses our challenge): a cache, the refusal is the rule.
  const overturned = new Set<bigint>();

  const readBond = createBondBudget(deps, { keep: options.bondVerdicts ?? 0 });

  const challengeOf = (jobId: bigint) => orNotFound(getJobChallenge(deps.coordinator, { id: jobId }));
  const ours = (challenge: JobChallengeView) => challenge.verifier.toLowerCase() === me;
  /** Whether our challenge still waits for answers: in its window, and not every step answered. */
  const answering = (challenge: JobChallengeView) => deps.now() <= Date.parse(challenge.respondBy) && !challenge.steps.every((s) => challenge.answered.includes(s));
  const bondOrder = (challenge: JobChallengeView | undefined) => (challenge && ours(challenge) ? Number(answering(challenge)) : NOT_OURS);
  /**
   * The node's step hashes as the coordinator held them at the challenge's deadline: a judgement
   * after it must not change with a late publication (the report is write-once, so a verdict
   * retried after a revert would otherwise conflict with it for good; the referee counts only
   * hashes in time too).
   */
  const stepHashesOf = async (jobId: bigint, respondBy: string) => {
    const stored = await orNotFound(getJobStepHashes(deps.coordinator, { id: jobId }));
    return stored && Date.parse(stored.receivedAt) <= Date.parse(respondBy) ? stored.hashes : undefined;
  };

  async function openings(job: VerifierJob, answered: readonly number[]): Promise<Map<number, ChallengeOpening>> {
    const map = new Map<number, ChallengeOpening>();
    for (const step of answered) {
      const { opening } = await getJobOpening(deps.coordinator, { id: job.jobId, step });
      const decoded = challengeOpeningFromWire(opening, job);
      if (decoded) map.set(step, decoded);
    }
    return map;
  }

  /** Replays the challenged transitions from the node's openings: the report and the CPU it took. */
  async function replay(job: VerifierJob, challenge: JobChallengeView, stepHashes: readonly string[] | undefined): Promise<{ report: VerificationReport; cpuMs: number }> {
    const opened = await openings(job, challenge.answered);
    const started = process.cpuUsage();
    const report = verifyCommitment({
      trainer: job.trainer,
      commitment: job.commitment,
      beacon: job.beacon,
      open: (t) => opened.get(t),
      openFinal: () => finalOpening(job.trainer, opened.get(job.trainer.totalSteps - 1), job.mode),
      mode: job.mode,
      q,
      heldOut: job.heldOut,
      // Without the committed leaves no whistleblower could audit the job: withheld, like an opening.
      leaves: { hashes: stepHashes },
    });
    const used = process.cpuUsage(started);
    return { report, cpuMs: Math.round((used.user + used.system) / 1_000) };
  }

  /** Publishes the report, then posts the verdict on chain. */
  async function conclude(job: VerifierJob, report: VerificationReport, cpuMs: number): Promise<VerifierJobOutcome> {
    // Published before the verdict: a referee re-runs its first failure if the node contests.
    await putVerdictReport(deps.coordinator, { id: job.jobId, report: toWireReport(report) });
    const { txHash } = await postVerdict(deps.chain, { address: deps.market, jobId: job.jobId, passed: report.passed });
    deps.log?.info({
      jobId: job.jobId.toString(), mode: job.mode.kind, passed: report.passed, checkedSteps: report.checkedSteps.length,
      failures: report.failures, heldOutAccuracy: report.heldOut?.accuracy ?? null, heldOutFloor: report.heldOut?.floor ?? null, cpuMs, txHash,
    }, report.passed ? `job ${job.jobId} verified: ${report.checkedSteps.length} transitions replayed, verdict passed posted` : `job ${job.jobId} rejected: ${report.failures.length} failed checks (${[...new Set(report.failures.map((f) => f.kind))].join(', ')}), verdict posted`);
    return { kind: 'verdict', jobId: job.jobId, report, cpuMs, txHash };
  }

  async function visit(indexed: IndexedJobView, read: JobChallengeView | undefined, bond: TickBond): Promise<VerifierJobOutcome> {
    const jobId = BigInt(indexed.id);
    if (overturned.has(jobId)) return { kind: 'skipped', jobId, why: 'our rejection of it was overturned: another verifier judges it' };
    if (read && !ours(read)) return { kind: 'skipped', jobId, why: `challenged by another verifier (${read.verifier})` };
    // The index may lag the chain: a job we already decided is no longer submitted on chain.
    const onChain = await readJob(deps.chain.publicClient, { address: deps.market, jobId });
    if (onChain.state !== 'submitted') return { kind: 'skipped', jobId, why: `the job is ${onChain.state} on chain` };
    // Our challenge read again, now: answers in by its deadline count, however long this tick's earlier jobs took.
    const challenge = read && await challengeOf(jobId);
    let stepHashes: readonly string[] | undefined;
    if (challenge) {
      const waiting = { kind: 'waiting', jobId, answered: challenge.answered.length, steps: challenge.steps.length } as const;
      // Read only once every opening is in (or the window closed): T + 1 hashes is the biggest read of a visit.
      stepHashes = answering(challenge) ? undefined : await stepHashesOf(jobId, challenge.respondBy);
      if (deps.now() <= Date.parse(challenge.respondBy) && !stepHashes) {
        // A verdict's bond stays held for a job we challenged while its node answers.
        bond.take();
        return waiting;
      }
    }
    // A verdict (now, or after the challenge about to be posted) needs a verdict's bond; checked before loading the job.
    if (!bond.left()) return { kind: 'bond-short', jobId, free: bond.budget.free, perVerdict: bond.budget.perVerdict };
    const loaded = await loadVerifierJob({ coordinator: deps.coordinator, publicClient: deps.chain.publicClient }, await getJob(deps.coordinator, { id: jobId }));
    if (loaded.kind === 'skip') return { kind: 'skipped', jobId, why: loaded.why };
    const job = loaded.job;
    // verifyCommitment redraws the steps: a challenge drawn otherwise (another q before a
    // restart, a reorganisation that moved the submit) would count steps the node was never asked
    // for as withheld. Do not judge it, nor hold bond for it.
    if (challenge) {
      const expected = challengedSteps({ trainer: job.trainer, commitment: job.commitment, beacon: job.beacon, q });
      if (challenge.beacon.slice(2).toLowerCase() !== job.beacon || expected.join() !== challenge.steps.join()) {
        return { kind: 'skipped', jobId, why: 'our challenge was drawn with other settings (q or beacon) than this agent verifies with' };
      }
    }
    bond.take();
    // The gas decides the node's daily shares: a job whose posted gas is not its spec's is rejected
    // from the spec alone, after the challenge a verdict report needs, without waiting for openings.
    const gasMismatch = job.gas.posted !== job.gas.spec;
    if (!challenge) {
      const steps = challengedSteps({ trainer: job.trainer, commitment: job.commitment, beacon: job.beacon, q });
      try {
        await postJobChallenge(deps.coordinator, { id: jobId, challenge: { steps, beacon: `0x${job.beacon}`, respondWithinSeconds: options.respondWithinSeconds ?? 120 } });
      } catch (err) {
        if (!(isBaseError(err) && err.code === 'FORBIDDEN' && err.data?.overturnedRound !== undefined)) throw err;
        overturned.add(jobId);
        return { kind: 'skipped', jobId, why: err.message };
      }
      deps.log?.info({ jobId: jobId.toString(), steps: steps.length, beacon: job.beacon }, `job ${jobId} challenged: ${steps.length} transitions to open within ${options.respondWithinSeconds ?? 120} s`);
      if (!gasMismatch) return { kind: 'challenged', jobId, steps };
    }
    // (Without a challenge here the gas mismatched: the challenge was just posted.)
    if (gasMismatch || !challenge) return conclude(job, gasMismatchReport(job), 0);
    const { report, cpuMs } = await replay(job, challenge, stepHashes);
    return conclude(job, report, cpuMs);
  }

  /** Finalizes this verifier's passes and rejections whose window closed: the market pays the verifier fee then. */
  async function collect(indexed: IndexedJobView): Promise<VerifierJobOutcome | undefined> {
    if (indexed.verifier?.toLowerCase() !== me || indexed.challengeEndsAt === null || Date.parse(indexed.challengeEndsAt) > deps.now()) return undefined;
    const jobId = BigInt(indexed.id);
    const [onChain, block] = await Promise.all([readJob(deps.chain.publicClient, { address: deps.market, jobId }), deps.chain.publicClient.getBlock()]);
    if ((onChain.state !== 'verified' && onChain.state !== 'rejected') || block.timestamp < onChain.challengeEndsAt) return undefined;
    const closed = await finalizeJob(deps.chain, { address: deps.market, jobId });
    deps.log?.info({ jobId: jobId.toString(), outcome: closed.kind, verifierPaid: closed.verifierPaid.toString(), txHash: closed.txHash }, `job ${jobId} finalized (${closed.kind}): verifier fee ${closed.verifierPaid} paid`);
    return { kind: 'finalized', jobId, outcome: closed.kind, verifierPaid: closed.verifierPaid };
  }

  return {
    async tick() {
      const outcomes: VerifierJobOutcome[] = [];
      for (const state of ['verified', 'rejected'] as const) {
        for (const job of await listAllJobs(deps.coordinator, { state, sort: 'deadline' })) {
          const outcome = await collect(job).catch((err: unknown) => void deps.log?.error({ err, jobId: job.id }, `job ${job.id}: finalizing failed, retrying next tick`));
          if (outcome) outcomes.push(outcome);
        }
      }
      const submitted: { job: IndexedJobView; challenge: JobChallengeView | undefined; order: number }[] = [];
      let unread = 0;
      for (const job of await listAllJobs(deps.coordinator, { state: 'submitted', sort: 'deadline' })) {
        try {
          const challenge = await challengeOf(BigInt(job.id));
          submitted.push({ job, challenge, order: bondOrder(challenge) });
        } catch (err) {
          unread++;
          deps.log?.error({ err, jobId: job.id }, `job ${job.id}: reading its challenge failed, retrying next tick`);
        }
      }
      // Our own challenges first, those ready for a verdict before those still answering: each has
      // a verdict's bond before any new challenge (a job whose challenge could not be read may be ours).
      submitted.sort((a, b) => a.order - b.order);
      if (submitted.length === 0 && unread === 0) return outcomes; // nothing to spend bond on: no bond read
      const reserved = submitted.filter((s) => s.order < NOT_OURS).length + unread;
      // Read after closing verdicts, which frees their bond.
      const bond = tickBond(await readBond(reserved), unread);
      for (const { job, challenge } of submitted) {
        try {
          const outcome = await visit(job, challenge, bond);
          if (outcome.kind === 'skipped' && skipsLogged.get(job.id) !== outcome.why) {
            skipsLogged.set(job.id, outcome.why);
            deps.log?.warn({ jobId: job.id, why: outcome.why }, `job ${job.id} skipped: ${outcome.why}`);
          }
          outcomes.push(outcome);
        } catch (err) {
          deps.log?.error({ err, jobId: job.id }, `job ${job.id}: verification pass failed, retrying next tick`);
        }
      }
      return outcomes;
    },
  };
}
