import { deadlineCountingUptime, type Outage } from '@tensorgrid/domain';
import type { Trainer } from '@tensorgrid/tensor';
import type { ChallengeOpening, Commitment } from '@tensorgrid/verification';
import type { ContestDecision } from './decide-contest';
import { judgeNodeOpening } from './judge-node-opening';

/** A whistleblower's dispute of a tolerant job at a step no verifier challenged. */
export interface TolerantAuditCase {
  /** The referee's own canonical trainer of the job. */
  trainer: Trainer;
  commitment: Commitment;
  /** The disputed transition t → t+1. */
  step: number;
  tau: number;
  /** The node's opening of `step` (W_t and the committed W_{t+1}), undefined if it stored none or it does not decode. */
  opening: ChallengeOpening | undefined;
  /** When the coordinator received the node's opening, Unix seconds (its clock). */
  openedAt?: number;
  /** When the node could first see the dispute, Unix seconds ({@link disputeVisibleAt}). */
  disputedAt: number;
  /** Unix seconds, read before the opening was looked up: the coordinator's clock as it listed `outages` (the clock `openedAt` is on), or the referee's if that is earlier. */
  now: number;
  /** How long the node has to open the step (`DISPUTE_OPENING_WINDOW_SECONDS`), counted while the coordinator is up. */
  windowSeconds: number;
  /** When the coordinator was down since the dispute, Unix seconds (`GET /v1/health/outages`): the node could not open the step then. */
  outages: readonly Outage[];
}

/**
 * When a node could first see a dispute, Unix seconds: the later of its block's time and the
 * time the coordinator's index first stored it (after the index's confirmations and any lag
 * behind the chain), as the node sees disputes, and opens the disputed step, only through the
 * coordinator. The opening window starts here.
 * @param blockTime - the dispute's block time, Unix seconds
 * @param indexedAt - when the coordinator's index first stored the event (ISO), null when it did not record it
 */
export function disputeVisibleAt(blockTime: number, indexedAt: string | null): number {
  return indexedAt === null ? blockTime : Math.max(blockTime, Date.parse(indexedAt) / 1_000);
}

/** The ruling, or the time until which the node may still open the step. */
export type TolerantAuditDecision = { kind: 'decided'; decision: ContestDecision } | { kind: 'wait'; until: number };

/**
 * Decides a dispute of a tolerant job at an unchallenged step (research/verification.md §6.6,
 * §6.7.2). Only the node holds a tolerant run's states, so the burden is the node's: it must
 * open the step within the window after the dispute, counting only the time the coordinator,
 * through which alone it can open it, was up. Its opening is judged as a challenged
 * one (proofs of h_t and h_{t+1}, W_{t+1} hashing to h_{t+1}, one canonical step from W_t
 * within τ of it); an opening that fails, arrives late, or never comes once the window is
 * over convicts the node. Before that, with no opening yet, the referee waits. A step the job
 * does not have (the contract takes any evidence) rules for the node: there is nothing to open.
 * @param c - the job, the disputed step, the node's opening and the times
 */
export function decideTolerantAudit(c: TolerantAuditCase): TolerantAuditDecision {
  const decided = (nodeWrong: boolean, kind: ContestDecision['kind'], why: string): TolerantAuditDecision => ({ kind: 'decided', decision: { nodeWrong, step: c.step, kind, why, rounds: 1 } });
  const T = c.trainer.totalSteps;
  if (!Number.isSafeInteger(c.step) || c.step < 0 || c.step >= T) return decided(false, null, `the job has no transition ${c.step} (T = ${T})`);
  const until = deadlineCountingUptime(c.disputedAt, c.windowSeconds, c.outages);
  const inTime = c.opening !== undefined && c.openedAt !== undefined && c.openedAt <= until;
  if (!inTime) {
    if (c.now <= until) return { kind: 'wait', until };
    const down = until - c.disputedAt - c.windowSeconds;
    const from = new Date(c.disputedAt * 1_000).toISOString();
    return decided(true, 'withheld', `the node did not open step ${c.step} within ${c.windowSeconds} s of the dispute (seen from ${from})${down > 0 ? ` (the coordinator's ${down.toFixed(0)} s down in between not counted)` : ''}`);
  }
  return { kind: 'decided', decision: judgeNodeOpening({ ...c, mode: { kind: 'tolerant', tau: c.tau } }) };
}
