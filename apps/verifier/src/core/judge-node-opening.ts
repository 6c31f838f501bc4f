import type { Trainer } from '@tensorgrid/tensor';
import { refereeStep, type ChallengeOpening, type Commitment, type VerificationMode } from '@tensorgrid/verification';
import type { ContestDecision } from './decide-contest';

/**
 * One transition judged on the node's own stored opening with `refereeStep`: the node signed
 * it, so any failure (a bad proof, a state off its hash, a step off the next hash or beyond τ)
 * is the node's.
 * @param c - the job, the step, the node's opening and the verification mode
 */
export function judgeNodeOpening(c: { trainer: Trainer; commitment: Commitment; step: number; opening: ChallengeOpening | undefined; mode?: VerificationMode }): ContestDecision {
  const verdict = refereeStep({ trainer: c.trainer, commitment: c.commitment, t: c.step, opening: c.opening, mode: c.mode });
  if (!verdict.nodeWrong) {
    const holds = c.mode?.kind === 'tolerant' ? `holds within τ = ${c.mode.tau}` : 'replays to the committed hash';
    return { nodeWrong: false, step: c.step, kind: null, why: `the node's opening of step ${c.step} ${holds}`, rounds: 1 };
  }
  const failure = verdict.failure!;
  return { nodeWrong: true, step: c.step, kind: failure.kind, why: `the node's opening of step ${c.step} fails: ${failure.kind}${failure.detail ? ` (${failure.detail})` : ''}`, rounds: 1 };
}
