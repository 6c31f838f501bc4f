import type { Trainer } from '@tensorgrid/tensor';
import { refereeStep, type ChallengeOpening, type Commitment, type VerificationMode } from '@tensorgrid/verification';
import type { ContestDecision } from './decide-contest';
import { judgeNodeOpening } from './judge-node-opening';

/** A whistleblower's dispute of a transition the stored challenge did not name, as the referee judges it (exact mode). */
export interface AuditCase {
  /** The referee's own trainer of the job. */
  trainer: Trainer;
  commitment: Commitment;
  /** The disputed transition t → t+1 (the dispute's evidence). */
  step: number;
  /** The job spec's verification mode: exact (a tolerant job is judged on its node's opening, `decideTolerantAudit`). */
  mode?: VerificationMode;
  /** The whistleblower's stored opening of `step`, undefined if it stored none (or of another step). */
  opening: ChallengeOpening | undefined;
  /** The node's own stored opening of `step` (a challenge of an earlier round drew it), if any. */
  nodeOpening?: ChallengeOpening;
  /** The node's published h_0, when its step hashes are published and hash to the committed root. */
  publishedInitialHash?: string;
}

/**
 * Decides an audit dispute (research/verification.md §6.7.2) with one step: the burden is the
 * whistleblower's. Its opening must open the node's h_t (its W_t hashes to the committed leaf,
 * with valid proofs of h_t and h_{t+1}); then one canonical step from that W_t that lands off
 * h_{t+1} proves the node's transition wrong. A missing or invalid opening, or a step that
 * replays, rules for the node. With no opening of its own, the whistleblower may rest on the
 * node's (one an earlier round's challenge drew): the node is judged on it as on a challenged
 * step, any failure its own. Step 0 is first judged on the node's published h_0: nobody but the
 * node can open a W_0 that is not the seed-drawn one, so an h_0 that is not its hash convicts the
 * node (`wrong-init`) with no opening.
 * @param c - the job, the disputed step and the whistleblower's and node's openings
 */
export function decideAudit(c: AuditCase): ContestDecision {
  const ruling = (nodeWrong: boolean, why: string): ContestDecision => ({ nodeWrong, step: c.step, kind: nodeWrong ? 'wrong-transition' : null, why, rounds: 1 });
  if (c.step === 0 && c.publishedInitialHash !== undefined && c.publishedInitialHash !== c.trainer.hash(c.trainer.initialState())) {
    return { nodeWrong: true, step: 0, kind: 'wrong-init', why: 'the node\'s published h_0 is not the hash of the seed-drawn initial state', rounds: 1 };
  }
  if (!c.opening && c.nodeOpening) return judgeNodeOpening({ ...c, opening: c.nodeOpening });
  if (!c.opening) return ruling(false, `the whistleblower stored no opening of step ${c.step}`);
  const verdict = refereeStep({ trainer: c.trainer, commitment: c.commitment, t: c.step, opening: c.opening, mode: c.mode });
  if (!verdict.nodeWrong) return ruling(false, `step ${c.step} replays to the committed hash`);
  if (verdict.failure?.kind !== 'wrong-transition') return ruling(false, `the whistleblower's opening of step ${c.step} is invalid: ${verdict.failure?.kind ?? 'unknown'}`);
  return ruling(true, `step ${c.step} fails: wrong-transition${verdict.failure.detail ? ` (${verdict.failure.detail})` : ''}`);
}
