import { readJob, resolveDispute, type ReadJobResult, type WalletChainClients } from '@tensorgrid/chain';
import { DISPUTE_OPENING_WINDOW_SECONDS, disputedStepOf, GAS_DISPUTE_EVIDENCE, type IndexedJobView, type JobChallengeView, type JobEventView, type VerdictReport } from '@tensorgrid/protocol';
import { getJob, getJobAuditOpening, getJobChallenge, getJobOpening, getJobStepHashes, getOutages, getVerdictReport, listJobs, orNotFound, type CoordinatorClient } from '@tensorgrid/sdk';
import { replayStep } from '@tensorgrid/tensor';
import { challengedSteps, stepHashTree, type ChallengeOpening } from '@tensorgrid/verification';
import type { Logger } from 'pino';
import type { Address } from 'viem';
import { decideAudit } from './core/decide-audit';
import { decideContest, disputedStep, type ContestDecision } from './core/decide-contest';
import { decideTolerantAudit, disputeVisibleAt } from './core/decide-tolerant-audit';
import { loadVerifierJob, type VerifierJob } from './load-verifier-job';
import { challengeOpeningFromWire } from './wire-openings';

/** What the referee agent works with. */
export interface RefereeAgentDeps {
  /** A coordinator client (reads only). */
  coordinator: CoordinatorClient;
  /** The referee's chain clients: its account holds REFEREE_ROLE on the JobMarket. */
  chain: WalletChainClients;
  /** The JobMarket contract. */
  market: Address;
  /**
   * Unix ms, the referee's clock. A tolerant dispute's opening window is over only when both it
   * and the coordinator's clock (which stamps the opening) say so: one clock running ahead, the
   * referee's or a coordinator replica's, cannot rule a node withheld early. @default Date.now
   */
  now?: () => number;
  /** @default DISPUTE_OPENING_WINDOW_SECONDS */
  openingWindowSeconds?: number;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** What one tick did with one contested or disputed job. */
export type RefereeOutcome =
  | {
    kind: 'resolved';
    jobId: bigint;
    decision: ContestDecision;
    /**
     * A contest: `failed` (the node lost its deposit) or `resubmitted` (the verifier's bond went
     * to the node). A dispute: `slashed` (the node lost its deposit, and the passing verifier its
     * bond unless the step was not one it had to check, to the whistleblower) or `upheld` (the job settles, the whistleblower's bond goes to the node).
     */
    result: 'failed' | 'resubmitted' | 'slashed' | 'upheld';
    /** The passing or rejecting verifier's bond lost (0 when an audit released it). */
    verifierSlashed: bigint;
    /** The passing verifier's fee after an audit released its bond (0 otherwise). */
    verifierPaid: bigint;
    /** The referee's CPU for the decision, and for one training step of the job (for comparison), ms. */
    cpuMs: number;
    stepCpuMs: number;
    txHash: string;
  }
  | { kind: 'skipped'; jobId: bigint; why: string };

/** The referee agent: one stateless pass per tick. */
export interface RefereeAgent {
  /** Resolves every contested and disputed job once, each with one round of one step of work. */
  tick(): Promise<RefereeOutcome[]>;
}

/** A ruling, its CPU, and whether the step was one the passing verifier did not have to check (an audit: its bond is released, not slashed). */
interface Decided {
  decision: ContestDecision;
  cpuMs: number;
  audit: boolean;
}

const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1_000;
};

/**
 * Creates the referee agent (issue #5 part 6): for each job the index lists as `contested` and
 * the chain confirms, it loads the job as a verifier does, reads the rejecting verifier's
 * published report and the node's opening of the one step its first failure names, decides
 * with {@link decideContest} and posts `resolve(jobId, nodeWrong)`. A `disputed` job is judged
 * the same way at the whistleblower's step, or, for a step the stored challenge did not name, on
 * the whistleblower's audit opening with {@link decideAudit}, or for a tolerant job on the
 * node's own opening with {@link decideTolerantAudit} (waiting while the node may still open
 * it; a node that never does loses); evidence claiming the gas is wrong
 * (`GAS_DISPUTE_EVIDENCE`) compares the gas on chain with the spec's. A job it cannot load
 * (spec or data missing) is skipped, not decided.
 * @param deps - coordinator client, chain clients (REFEREE_ROLE), market and log
 */
export function createRefereeAgent(deps: RefereeAgentDeps): RefereeAgent {
  // Only to log each skip once per reason, not every tick; nothing the agent decides on.
  const skipsLogged = new Map<string, string>();
  /** The node's stored opening of `step`, decoded, and when the coordinator received it (Unix seconds). */
  async function storedOpeningOf(job: VerifierJob, step: number): Promise<{ opening: ChallengeOpening | undefined; receivedAt: number } | undefined> {
    const stored = await orNotFound(getJobOpening(deps.coordinator, { id: job.jobId, step }));
    return stored && { opening: challengeOpeningFromWire(stored.opening, job), receivedAt: Date.parse(stored.receivedAt) / 1_000 };
  }
  async function openingOf(job: VerifierJob, step: number | undefined): Promise<ChallengeOpening | undefined> {
    return step === undefined ? undefined : (await storedOpeningOf(job, step))?.opening;
  }

  /** The whistleblower's audit opening of `step`, if it stored one of that step. */
  async function auditOpeningOf(job: VerifierJob, whistleblower: string, step: number): Promise<ChallengeOpening | undefined> {
    const stored = await orNotFound(getJobAuditOpening(deps.coordinator, { id: job.jobId, auditor: whistleblower }));
    return stored?.step === step ? challengeOpeningFromWire(stored.opening, job) : undefined;
  }

  /** The node's published h_0, if its step hashes are published and hash to the committed root. */
  async function publishedInitialHashOf(job: VerifierJob): Promise<string | undefined> {
    const leaves = await orNotFound(getJobStepHashes(deps.coordinator, { id: job.jobId }));
    const tree = leaves && stepHashTree(job.commitment, leaves.hashes, job.trainer.digest);
    return tree && 'tree' in tree ? leaves.hashes[0] : undefined;
  }

  /** Whether the node's step hashes reached the coordinator by the challenge's deadline. */
  async function leavesInTime(job: VerifierJob, challenge: JobChallengeView | undefined): Promise<boolean> {
    const leaves = await orNotFound(getJobStepHashes(deps.coordinator, { id: job.jobId }));
    return leaves !== undefined && challenge !== undefined && Date.parse(leaves.receivedAt) <= Date.parse(challenge.respondBy);
  }

  /**
   * A whistleblower claims the transition its evidence names is wrong: a challenged step is
   * judged like a rejection whose first failure is that step (any other is an audit, {@link decideAudit}).
   */
  function whistleblowerReport(evidence: string, totalSteps: number): VerdictReport | undefined {
    if (evidence.toLowerCase() === GAS_DISPUTE_EVIDENCE) return { passed: false, failures: [{ step: totalSteps, kind: 'gas-mismatch', detail: 'named by the whistleblower' }] };
    const step = disputedStepOf(evidence);
    return step === undefined ? undefined : { passed: false, failures: [{ step, kind: 'wrong-transition', detail: 'named by the whistleblower' }] };
  }

  /** The report counts only when the verifier that rejected on chain published it after challenging the job. */
  function reportOf(published: { verifier: string; report: VerdictReport } | undefined, challenge: JobChallengeView | undefined, rejecter: string): VerdictReport | undefined {
    if (!published || !challenge) return undefined;
    const by = published.verifier.toLowerCase();
    return by === rejecter.toLowerCase() && by === challenge.verifier.toLowerCase() ? published.report : undefined;
  }

  /**
   * A tolerant job disputed at a step no verifier challenged, judged on the node's opening of it
   * once stored, or once the node's window after the dispute is over. The window starts when the
   * node could first see the dispute through the coordinator: the later of its block's time and
   * the time the coordinator's index first stored it (after its confirmations, and any lag of the
   * index behind the chain). It is judged on the coordinator's clock, which stamps the opening and
   * records the outages, capped by the referee's own (one clock running ahead cannot rule early),
   * both read before the opening is looked up, so an opening stored in between is at worst waited
   * for, never ruled withheld.
   */
  async function decideTolerant(job: VerifierJob, at: { step: number; tau: number }, events: readonly JobEventView[]): Promise<Omit<Decided, 'audit'> | { wait: string }> {
    const { step, tau } = at;
    const disputed = events.filter((e) => e.name === 'JobDisputed').at(-1);
    if (!disputed) return { wait: 'the index has no JobDisputed event for the job yet' };
    const { timestamp } = await deps.chain.publicClient.getBlock({ blockNumber: BigInt(disputed.block) });
    const disputedAt = disputeVisibleAt(Number(timestamp), disputed.indexedAt);
    // The coordinator's outages since the dispute and its clock as it listed them (`to`): read before the opening, so a later outage is at worst not yet counted.
    const { outages, to } = await getOutages(deps.coordinator, { fromMs: disputedAt * 1_000 });
    const now = Math.min(Date.parse(to), (deps.now ?? Date.now)()) / 1_000;
    const stored = await storedOpeningOf(job, step);
    const started = process.cpuUsage();
    const decided = decideTolerantAudit({
      trainer: job.trainer, commitment: job.commitment, step, tau, opening: stored?.opening, openedAt: stored?.receivedAt,
      disputedAt, now, windowSeconds: deps.openingWindowSeconds ?? DISPUTE_OPENING_WINDOW_SECONDS,
      outages: outages.map((o) => ({ from: Date.parse(o.from) / 1_000, to: Date.parse(o.to) / 1_000 })),
    });
    if (decided.kind === 'wait') return { wait: `waiting for the node's opening of disputed step ${step} until ${new Date(decided.until * 1_000).toISOString()}` };
    return { decision: decided.decision, cpuMs: cpuMsSince(started) };
  }

  /**
   * Whether the passing verifier had to check transition `step`: the challenge the job's beacon
   * draws (q = 48 plus the first, last and epoch boundaries) names it, whatever the verifier
   * posted, or the verifier's own challenge did. If not, a node proven wrong there is an audit's
   * find: the verifier keeps its bond (`resolveAudit`).
   */
  function verifierOwed(job: VerifierJob, passed: { by: string; challenge: JobChallengeView | undefined }, step: number): boolean {
    if (challengedSteps({ trainer: job.trainer, commitment: job.commitment, beacon: job.beacon }).includes(step)) return true;
    const { challenge } = passed;
    return challenge !== undefined && challenge.verifier.toLowerCase() === passed.by.toLowerCase() && challenge.steps.includes(step);
  }

  /**
   * One round, one step: a contest re-runs the rejecting verifier's first failure; a
   * whistleblower's dispute the step its evidence names, on the node's opening when the step
   * was challenged, else on the whistleblower's audit opening or the node's own from an earlier
   * round (exact), or the node's (tolerant). A dispute at a step the passing verifier did not
   * have to check ({@link verifierOwed}) is an audit.
   */
  async function decide(job: VerifierJob, onChain: Pick<ReadJobResult, 'state' | 'verifier' | 'evidence' | 'whistleblower'>, events: readonly JobEventView[]): Promise<Decided | { wait: string }> {
    const [challenge, published] = await Promise.all([orNotFound(getJobChallenge(deps.coordinator, { id: job.jobId })), orNotFound(getVerdictReport(deps.coordinator, { id: job.jobId }))]);
    const audited = onChain.state === 'disputed' ? disputedStepOf(onChain.evidence) : undefined;
    const audit = audited !== undefined && !verifierOwed(job, { by: onChain.verifier, challenge }, audited);
    if (audited !== undefined && !challenge?.steps.includes(audited)) {
      if (job.mode.kind === 'tolerant') {
        const decided = await decideTolerant(job, { step: audited, tau: job.mode.tau }, events);
        return 'wait' in decided ? decided : { ...decided, audit };
      }
      const opening = await auditOpeningOf(job, onChain.whistleblower.toLowerCase(), audited);
      const nodeOpening = opening ? undefined : await openingOf(job, audited);
      const publishedInitialHash = audited === 0 ? await publishedInitialHashOf(job) : undefined;
      const started = process.cpuUsage();
      const decision = decideAudit({ trainer: job.trainer, commitment: job.commitment, step: audited, mode: job.mode, opening, nodeOpening, publishedInitialHash });
      return { decision, cpuMs: cpuMsSince(started), audit };
    }
    const report = onChain.state === 'contested' ? reportOf(published, challenge, onChain.verifier) : whistleblowerReport(onChain.evidence, job.trainer.totalSteps);
    const opening = await openingOf(job, disputedStep(report, job.trainer.totalSteps));
    const inTime = report?.failures[0]?.kind === 'leaves-withheld' && (await leavesInTime(job, challenge));
    const started = process.cpuUsage();
    const decision = decideContest({ trainer: job.trainer, commitment: job.commitment, beacon: job.beacon, heldOut: job.heldOut, mode: job.mode, challenged: challenge?.steps ?? [], report, opening, leavesInTime: inTime, gas: job.gas });
    return { decision, cpuMs: cpuMsSince(started), audit };
  }

  async function judge(indexed: IndexedJobView): Promise<RefereeOutcome> {
    const jobId = BigInt(indexed.id);
    const onChain = await readJob(deps.chain.publicClient, { address: deps.market, jobId });
    if (onChain.state !== 'contested' && onChain.state !== 'disputed') return { kind: 'skipped', jobId, why: `the job is ${onChain.state} on chain` };
    const detail = await getJob(deps.coordinator, { id: jobId });
    const loaded = await loadVerifierJob({ coordinator: deps.coordinator, publicClient: deps.chain.publicClient }, detail);
    if (loaded.kind === 'skip') return { kind: 'skipped', jobId, why: loaded.why };
    const { job } = loaded;
    const decided = await decide(job, onChain, detail.events);
    if ('wait' in decided) return { kind: 'skipped', jobId, why: decided.wait };
    const { decision, cpuMs, audit } = decided;
    const stepStarted = process.cpuUsage();
    replayStep(job.trainer, job.trainer.initialState());
    const stepCpuMs = cpuMsSince(stepStarted);
    const resolved = await resolveDispute(deps.chain, { address: deps.market, jobId, nodeWrong: decision.nodeWrong, audit });

    const verifierSlashed = 'verifierSlashed' in resolved ? resolved.verifierSlashed : 0n;
    const verifierPaid = resolved.kind === 'slashed' ? resolved.verifierPaid : 0n;
    deps.log?.info({
      jobId: jobId.toString(), nodeWrong: decision.nodeWrong, step: decision.step, kind: decision.kind, why: decision.why, rounds: decision.rounds,
      cpuMs: Number(cpuMs.toFixed(3)), stepCpuMs: Number(stepCpuMs.toFixed(3)), result: resolved.kind, verifierSlashed: verifierSlashed.toString(), txHash: resolved.txHash,
    }, `job ${jobId} ${onChain.state === 'contested' ? 'contest' : 'dispute'} resolved: node ${decision.nodeWrong ? 'wrong' : 'right'} (${decision.why}); 1 round, step ${decision.step ?? 'none'}, ${cpuMs.toFixed(1)} ms CPU vs ${stepCpuMs.toFixed(1)} ms for one training step`);
    return { kind: 'resolved', jobId, decision, result: resolved.kind, verifierSlashed, verifierPaid, cpuMs, stepCpuMs, txHash: resolved.txHash };
  }

  return {
    async tick() {
      const outcomes: RefereeOutcome[] = [];
      for (const state of ['contested', 'disputed'] as const) {
        let after: string | undefined;
        do {
          const page = await listJobs(deps.coordinator, { state, sort: 'deadline', limit: 100, ...(after ? { after } : {}) });
          for (const job of page.jobs) {
            try {
              const outcome = await judge(job);
              if (outcome.kind === 'skipped' && skipsLogged.get(job.id) !== outcome.why) {
                skipsLogged.set(job.id, outcome.why);
                deps.log?.warn({ jobId: job.id, why: outcome.why }, `${state} job ${job.id} skipped: ${outcome.why}`);
              }
              outcomes.push(outcome);
            } catch (err) {
              deps.log?.error({ err, jobId: job.id }, `${state} job ${job.id}: resolving failed, retrying next tick`);
            }
          }
          after = page.next ?? undefined;
        } while (after);
      }
      return outcomes;
    },
  };
}
