import { cancelJob, declineJob, disputeJob, expireUnverifiedJobIfDue, readJob, submitResult } from '@tensorgrid/chain';
import { disputeEvidence, disputedStepOf, type IndexedJobView, type JobState } from '@tensorgrid/protocol';
import { getJob, getJobChallenge, listAllJobs, orNotFound, putJobAuditOpening, putJobOpening, putJobStepHashes } from '@tensorgrid/sdk';
import { challengedSteps, transitionOpeningWire } from '@tensorgrid/verification';
import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { Address } from 'viem';
import { beaconBlocks } from '../core/job-beacons';
import { canaryAccounts, type CanaryAccount } from './canary-accounts';
import type { CanaryOutcome } from './canary-outcome';
import { createCanaryPoster } from './canary-poster';
import { createCanaryRuns, type CanaryRun } from './canary-runs';
import { canaryDisputeStep } from './core/canary-dispute-step';
import { canaryDiligence, canaryVerdict, type VerifierDiligence } from './core/canary-diligence';

/** What the canary bot works with. */
export interface CanaryBotDeps {
  /**
   * The canaries' nodes: each canary goes to one with room, drawn at random, which accepts it,
   * trains it with the planted error, submits it and (its coordinator client) answers the
   * challenge. Each needs workers on the market and GRID for deposits.
   */
  nodes: readonly CanaryAccount[];
  /**
   * The canaries' requesters: each canary is posted by one drawn at random, which is also its
   * whistleblower (a job's node may not dispute it) and stores the audit opening of an exact
   * canary's step no challenge opened (its coordinator client). Each needs GRID for fees and dispute bonds.
   */
  requesters: readonly CanaryAccount[];
  /** The JobMarket contract. */
  market: Address;
  /** Seeds each canary's planted step. Keep it secret: a verifier that knew it could check only those steps. */
  secret: string;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** The bot's policy. */
export interface CanaryBotOptions {
  /** Canaries as a share of the jobs verifiers judge (§6.8). @default 0.02 */
  rate?: number;
  /** Each canary's deadline after posting, seconds. @default 3600 */
  deadlineSeconds?: number;
  /** How often the pace is recounted (it reads every judged job of the market), and each submitted canary's verification window read on chain, ms. @default 30000 */
  paceEveryMs?: number;
  /** Milliseconds since the epoch (a fake in tests). @default Date.now */
  now?: () => number;
  /** Draws an index below `n`: each canary's node (among those with room) and requester. @default crypto's randomInt */
  pick?: (n: number) => number;
}

/** The canary bot: one stateless pass per tick (its canaries are the jobs its nodes took from its requesters). */
export interface CanaryBot {
  tick(): Promise<CanaryOutcome[]>;
  /** Each verifier's record on the canaries it judged. */
  diligence(): Promise<VerifierDiligence[]>;
}

/** States in which a canary still needs the bot (a job of its node in them from another requester is warned of). */
const OPEN_STATES = new Set<JobState>(['accepted', 'submitted', 'verified', 'disputed']);

/**
 * Creates the canary bot (issue #5 part 6; research/verification.md §6.8). Canaries are
 * jobs with a planted error that keep verifiers honest and measure their diligence:
 * - Pacing: once ⌊rate × verdicts⌋ exceeds the canaries so far and one of its nodes has room, it
 *   posts a copy (spec, fee, gas) of the newest job of another requester posted with its spec's
 *   gas (a copy of a mis-gassed one would be rejected for its gas alone), so a canary looks
 *   like the market's jobs. One of its requesters, drawn at random, posts it, and one of its
 *   nodes with room, drawn too, accepts it at once (one another node took first stays a real
 *   job; one nobody took is cancelled), so no one fixed account marks the canaries.
 * - Its node trains the job honestly except at its planted steps (`plantCanary`, seeded by
 *   the secret and the job id): half the canaries get one of the transitions every challenge
 *   checks wrong (first, last, epoch boundaries), the other half a fifth of the rest, which only
 *   the beacon's q draws find; so a verifier skipping either part of the check passes some.
 *   It submits the root, publishes the step hashes and answers the challenge from that run.
 * - A verifier that rejects it caught it; the bot never contests, so the canary ends failed.
 * - A verifier that passes it approved a proven error: the bot's requester disputes a planted
 *   step the verifier had to check ({@link canaryDisputeStep}: one the job's beacon draws, or
 *   one of its own challenge), so a verifier that posted a short challenge, or none, is caught
 *   too; for a step no challenge opened, the bot stores the opening the referee needs (an audit
 *   opening as the whistleblower, or, tolerant, its node's opening once disputed). The referee
 *   re-runs it, and the verifier's locked bond goes to the bot. (A sampled canary whose draw
 *   named none of its wrong steps, p ≈ 0.8⁴⁸, is not disputed, and still counts as approved
 *   in the diligence record.)
 * It keeps no state a restart would lose: its runs are recomputed from the secret. It trains
 * in its own process, so it suits small jobs (the devnet's); a canary that misses its deadline
 * is declined and cancelled, and one no verifier judged by its `verifyBy` is ended unverified
 * (its deposit and fee come back, as an honest node's would). Its accounts take canaries only,
 * so a verifier that learnt them all could still be diligent on canaries alone: rotate them
 * (a node without workers is never drawn; keep each account until its canaries are closed).
 * @param deps - the node and requester accounts, market, secret and log
 * @param options - rate, deadline, pace, clock and draw
 * @throws BaseError CONFIG_INVALID when a pool is empty, an account repeats, or one is in both pools
 */
export function createCanaryBot(deps: CanaryBotDeps, options: CanaryBotOptions = {}): CanaryBot {
  const rate = options.rate ?? 0.02;
  const accounts = canaryAccounts(deps);
  const { reader } = accounts;
  const nodeOf = (job: IndexedJobView) => accounts.node(job.node!);
  const requesterOf = (job: IndexedJobView) => accounts.requester(job.requester);
  const runs = createCanaryRuns({ reader, nodeOf, secret: deps.secret });
  // Jobs of the bot's nodes from requesters not its own, each warned of once.
  const foreign = new Set<string>();
  // Canaries accepted but not in the index yet, so a lagging index does not make the bot overshoot.
  const unindexed = new Set<bigint>();
  const reported = new Set<bigint>();
  const published = new Set<bigint>();
  const unsampled = new Set<bigint>();
  // Disputed canaries whose opening the bot's node has stored (or needed none).
  const opened = new Set<bigint>();

  // When each submitted canary's verification window was last read on chain (ms).
  const expiryChecked = new Map<bigint, number>();

  const now = options.now ?? Date.now;
  const paceEveryMs = options.paceEveryMs ?? 30_000;
  const post = createCanaryPoster({ accounts, market: deps.market, log: deps.log }, {
    rate, paceEveryMs, now, deadlineSeconds: options.deadlineSeconds ?? 3_600, onAccepted: (jobId) => unindexed.add(jobId), pick: options.pick ?? ((n) => randomInt(n)),
  });

  async function train(job: IndexedJobView): Promise<CanaryOutcome> {
    const jobId = BigInt(job.id);
    if (Date.parse(job.deadline) <= now()) {
      // Too late to submit: give the job back and take it off the market, so the node's worker is free again
      // (both accounts looked up first: a declined job left open would go to another node).
      const [node, requester] = [nodeOf(job), requesterOf(job)];
      await declineJob(node.chain, { address: deps.market, jobId });
      await cancelJob(requester.chain, { address: deps.market, jobId });
      runs.forget(jobId);
      deps.log?.warn({ jobId: job.id }, `canary ${job.id} missed its deadline: declined and cancelled`);
      return { kind: 'withdrawn', jobId, why: 'deadline passed before it was submitted' };
    }
    const canary = await runs.run(job);
    await submitResult(nodeOf(job).chain, { address: deps.market, jobId, resultRoot: `0x${canary.root}` });
    deps.log?.info({ jobId: job.id, canary: canary.kind, plantedSteps: canary.plantedSteps.length }, `canary ${job.id} submitted (${canary.kind}, ${canary.plantedSteps.length} wrong steps)`);
    return { kind: 'submitted', jobId, canary: canary.kind, plantedSteps: canary.plantedSteps };
  }

  /** Ends a submitted canary no verifier judged by its `verifyBy` (read on chain at most every `paceEveryMs`), so its deposit and fee do not stay locked. */
  async function expireIfUnverified(job: IndexedJobView): Promise<CanaryOutcome | undefined> {
    const jobId = BigInt(job.id);
    if (now() - (expiryChecked.get(jobId) ?? Number.NEGATIVE_INFINITY) < paceEveryMs) return undefined;
    expiryChecked.set(jobId, now());
    const expired = await expireUnverifiedJobIfDue(nodeOf(job).chain, { address: deps.market, jobId }).catch((err: unknown) => {
      // A failed read or send must not keep the canary from answering its challenge this pass.
      deps.log?.warn({ err, jobId: job.id }, `canary ${job.id}: checking its verification window failed; retrying later`);
      return false;
    });
    if (!expired) return undefined;
    expiryChecked.delete(jobId);
    runs.forget(jobId);
    published.delete(jobId);
    deps.log?.warn({ jobId: job.id }, `canary ${job.id}: no verifier judged it within its verification window; ended unverified, deposit and fee refunded`);
    return { kind: 'withdrawn', jobId, why: 'no verifier judged it within its verification window' };
  }

  async function answer(job: IndexedJobView): Promise<CanaryOutcome | undefined> {
    if (!published.has(BigInt(job.id))) {
      // As an honest node does: without its step hashes the verifier rejects any job.
      await putJobStepHashes(nodeOf(job).coordinator, { id: job.id, hashes: (await runs.run(job)).stepHashes });
      published.add(BigInt(job.id));
    }
    const challenge = await orNotFound(getJobChallenge(reader, { id: job.id }));
    if (!challenge || Date.parse(challenge.respondBy) < now()) return undefined;
    const open = challenge.steps.filter((s) => !challenge.answered.includes(s));
    if (open.length === 0) return undefined;
    const canary = await runs.run(job);
    for (const step of open) {
      const opening = canary.open(step);
      // A tolerant job's answers carry W_{t+1}, as an honest node's do.
      if (opening) await putJobOpening(nodeOf(job).coordinator, { id: job.id, step, opening: transitionOpeningWire(opening, { nextState: canary.tolerant }) });
    }
    return { kind: 'answered', jobId: BigInt(job.id), steps: open };
  }

  /** The steps the job's beacon draws (q = 48 plus the first, last and epoch boundaries), which any passing verifier had to check. */
  async function drawnSteps(job: IndexedJobView, canary: CanaryRun): Promise<number[] | undefined> {
    const blocks = beaconBlocks((await getJob(reader, { id: job.id })).events);
    if (!blocks || !job.resultRoot) return undefined;
    const { hash } = await requesterOf(job).chain.publicClient.getBlock({ blockNumber: BigInt(blocks.challenge) });
    const commitment = { root: job.resultRoot.slice(2).toLowerCase(), leafCount: canary.trainer.totalSteps + 1 };
    return challengedSteps({ trainer: canary.trainer, commitment, beacon: hash.slice(2) });
  }

  async function blowWhistle(job: IndexedJobView): Promise<CanaryOutcome | undefined> {
    const jobId = BigInt(job.id);
    const whistleblower = requesterOf(job);
    const [onChain, head] = await Promise.all([readJob(whistleblower.chain.publicClient, { address: deps.market, jobId }), whistleblower.chain.publicClient.getBlock()]);
    if (onChain.state !== 'verified' || head.timestamp >= onChain.challengeEndsAt) return undefined;
    const canary = await runs.run(job);
    const [drawn, challenge] = await Promise.all([drawnSteps(job, canary), orNotFound(getJobChallenge(reader, { id: job.id }))]);
    if (!drawn) throw new Error(`job ${job.id}: the index has no JobAccepted and JobSubmitted events for it yet`);
    const byPasser = challenge?.verifier.toLowerCase() === onChain.verifier.toLowerCase();
    const chosen = canaryDisputeStep({ plantedSteps: canary.plantedSteps, drawn, challenge: challenge && { steps: challenge.steps, byPasser } });
    if (!chosen) {
      if (unsampled.has(jobId)) return undefined;
      unsampled.add(jobId);
      deps.log?.info({ jobId: job.id, verifier: onChain.verifier }, `verifier ${onChain.verifier} passed canary ${job.id}, whose beacon draw named none of its wrong steps: not disputed`);
      return { kind: 'unsampled', jobId, verifier: onChain.verifier };
    }
    const { step } = chosen;
    // The referee re-runs the step from an opening: the node's stored answer, else (exact) the
    // whistleblower's audit opening, stored before the dispute, or (tolerant) the node's opening
    // once disputed (see `openDisputed`).
    if (!chosen.opened && !canary.tolerant) {
      await putJobAuditOpening(whistleblower.coordinator, { id: job.id, step, opening: transitionOpeningWire(canary.open(step)!) });
    }
    await disputeJob(whistleblower.chain, { address: deps.market, jobId, evidence: disputeEvidence(step) });
    deps.log?.warn({ jobId: job.id, verifier: onChain.verifier, step }, `verifier ${onChain.verifier} passed canary ${job.id}: disputed at its planted step ${step}`);
    return { kind: 'disputed', jobId, verifier: onChain.verifier, step };
  }

  /**
   * The bot's own dispute of a tolerant canary at a step no challenge named: as an honest node
   * would, its node opens the step (W_t with its committed, wrong W_{t+1}) for the referee, who
   * would otherwise wait out the node's window before ruling it withheld.
   */
  async function openDisputed(job: IndexedJobView): Promise<CanaryOutcome | undefined> {
    const jobId = BigInt(job.id);
    const step = job.evidence ? disputedStepOf(job.evidence) : undefined;
    if (step === undefined || opened.has(jobId)) return undefined;
    const canary = await runs.run(job);
    const challenged = (await orNotFound(getJobChallenge(reader, { id: job.id })))?.steps ?? [];
    const opening = canary.tolerant && !challenged.includes(step) ? canary.open(step) : undefined;
    if (opening) await putJobOpening(nodeOf(job).coordinator, { id: job.id, step, opening: transitionOpeningWire(opening, { nextState: true }) });
    opened.add(jobId);
    runs.forget(jobId);
    return opening ? { kind: 'opened', jobId, step } : undefined;
  }

  async function visit(job: IndexedJobView): Promise<CanaryOutcome | undefined> {
    if (job.state === 'accepted') return train(job);
    if (job.state === 'submitted') return (await expireIfUnverified(job)) ?? answer(job);
    if (job.state === 'verified') return blowWhistle(job);
    if (job.state === 'disputed' && !opened.has(BigInt(job.id))) return openDisputed(job);
    // Judged and past the bot's part (a disputed canary is the referee's now): its states can go.
    runs.forget(BigInt(job.id));
    published.delete(BigInt(job.id));
    expiryChecked.delete(BigInt(job.id));
    if (canaryVerdict(job.state) === 'caught' && job.verifier && !reported.has(BigInt(job.id))) {
      reported.add(BigInt(job.id));
      deps.log?.info({ jobId: job.id, verifier: job.verifier }, `verifier ${job.verifier} caught canary ${job.id}`);
      return { kind: 'caught', jobId: BigInt(job.id), verifier: job.verifier };
    }
    return undefined;
  }

  /** Its canaries: the jobs its nodes took from its requesters (a real job one of its nodes took is no canary). */
  async function canaries(): Promise<IndexedJobView[]> {
    const mine: IndexedJobView[] = [];
    for (const node of accounts.nodes) {
      for (const job of await listAllJobs(reader, { node: node.chain.account.address })) {
        if (accounts.isRequester(job.requester)) mine.push(job);
        else if (OPEN_STATES.has(job.state) && !foreign.has(job.id)) {
          foreign.add(job.id);
          deps.log?.warn({ jobId: job.id, node: job.node, requester: job.requester }, `job ${job.id} of canary node ${job.node} was posted by ${job.requester}, not one of the bot's requesters: not worked as a canary (if it is one, add that requester's key back)`);
        }
      }
    }
    return mine;
  }

  return {
    async tick() {
      const outcomes: CanaryOutcome[] = [];
      const mine = await canaries();
      for (const job of mine) {
        unindexed.delete(BigInt(job.id));
        try {
          const outcome = await visit(job);
          if (outcome) outcomes.push(outcome);
        } catch (err) {
          deps.log?.error({ err, jobId: job.id }, `canary ${job.id}: pass failed, retrying next tick`);
        }
      }
      if (rate > 0) {
        // A failed post (an account out of GRID or ETH, the chain away) must not lose this pass's outcomes.
        const posted = await post(mine.length + unindexed.size).catch((err: unknown) => void deps.log?.error({ err }, 'posting a canary failed; retrying next tick'));
        if (posted) outcomes.push(posted);
      }
      return outcomes;
    },
    async diligence() {
      return canaryDiligence((await canaries()).map((j) => ({ jobId: j.id, state: j.state, verifier: j.verifier })));
    },
  };
}
