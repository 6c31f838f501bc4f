import type { VerdictReport } from '@tensorgrid/protocol';
import { replayStep, type Trainer } from '@tensorgrid/tensor';
import {
  judgeHeldOut, refereeStep, type ChallengeOpening, type Commitment, type FailureKind, type HeldOutOptions, type VerificationMode,
} from '@tensorgrid/verification';

/** A contested rejection as the referee judges it. */
export interface ContestCase {
  /** The referee's own trainer of the job. */
  trainer: Trainer;
  commitment: Commitment;
  /** The challenge beacon (hex, no 0x): the held-out draw comes from it. */
  beacon: string;
  heldOut: HeldOutOptions | false;
  /** The job spec's verification mode (default exact): the one step is re-run as the verifier had to. */
  mode?: VerificationMode;
  /** The steps the rejecting verifier challenged (the node could open only those). */
  challenged: readonly number[];
  /** The rejecting verifier's report, if it published one. */
  report: VerdictReport | undefined;
  /** The node's opening of {@link disputedStep} from the exchange; undefined if absent or undecodable. */
  opening: ChallengeOpening | undefined;
  /** Whether the node published its step hashes by the challenge's `respondBy` (judges `leaves-withheld`). */
  leavesInTime?: boolean;
  /** The job's gas on chain and its spec's (judges `gas-mismatch`). */
  gas: { posted: bigint; spec: bigint };
}

/** The referee's ruling on a contest: one round, one step. */
export interface ContestDecision {
  /** True: the rejection stands and the node loses its deposit; false: the verifier loses its bond. */
  nodeWrong: boolean;
  /** The transition re-run (T − 1 for a failure of the final model), null when nothing was re-run. */
  step: number | null;
  /** The report's first failure kind, null when it names none. */
  kind: FailureKind | null;
  why: string;
  rounds: 1;
}

/**
 * The transition the referee needs the node's opening of: the report's first failure step, or
 * T − 1 for a failure of the final model (leaf T is W_{T−1} replayed one step).
 * @param report - the verifier's report
 * @param totalSteps - T
 */
export function disputedStep(report: VerdictReport | undefined, totalSteps: number): number | undefined {
  const first = report?.failures[0];
  return first === undefined ? undefined : Math.min(first.step, totalSteps - 1);
}

/**
 * Decides a contested rejection by re-running only the report's first failure
 * (research/verification.md §6.7.1): a transition failure runs `refereeStep` on the node's
 * stored opening; `withheld` asks whether the opening is in the exchange (which took answers
 * only before `respondBy`), `leaves-withheld` whether the step hashes were published by then,
 * `gas-mismatch` whether the posted gas differs from the spec's; a final-model failure re-checks transition T − 1 and, for
 * `held-out`, W_T (replayed, or in tolerant mode the committed one) on the same held-out draw.
 * A missing report, a failure that names an unchallenged step (or a held-out failure that names
 * any step but T), or one that does not reproduce rules for the node: the verifier could not
 * justify its rejection.
 * @param c - the job, the challenge, the report and the one opening
 */
export function decideContest(c: ContestCase): ContestDecision {
  const T = c.trainer.totalSteps;
  const first = c.report?.failures[0];
  if (!first) return { nodeWrong: false, step: null, kind: null, why: c.report ? 'the verifier\'s report names no failure' : 'the verifier published no report', rounds: 1 };
  const t = Math.min(first.step, T - 1);
  const ruling = (nodeWrong: boolean, why: string): ContestDecision => ({ nodeWrong, step: t, kind: first.kind, why, rounds: 1 });
  if (first.kind === 'leaves-withheld') return c.leavesInTime ? ruling(false, 'the node published its step hashes in time') : ruling(true, 'the node did not publish its step hashes in time');
  if (first.kind === 'gas-mismatch') {
    const { posted, spec } = c.gas;
    return posted === spec ? ruling(false, `the posted gas is the spec's (${spec})`) : ruling(true, `the posted gas ${posted} is not the spec's ${spec}`);
  }
  if (first.step > T) return ruling(false, `the report names step ${first.step}, past T = ${T}`);
  if (first.kind === 'held-out' && first.step !== T) return ruling(false, `a held-out failure is of the final model (step ${T}); the report names step ${first.step}`);
  if (!c.challenged.includes(t)) return ruling(false, `step ${t} was never challenged`);
  if (first.kind === 'withheld') return c.opening ? ruling(false, `the node opened step ${t} in time`) : ruling(true, `the node never opened step ${t}`);
  const step = refereeStep({ trainer: c.trainer, commitment: c.commitment, t, opening: c.opening, mode: c.mode });
  if (step.nodeWrong) return ruling(true, `step ${t} fails: ${step.failure?.kind ?? 'unknown'}${step.failure?.detail ? ` (${step.failure.detail})` : ''}`);
  if (first.kind !== 'held-out') return ruling(false, c.mode?.kind === 'tolerant' ? `step ${t} is within τ of the committed state` : `step ${t} replays to the committed hash`);
  if (c.heldOut === false || !c.opening) return ruling(false, 'the job has no held-out split to check');
  // Tolerant: step T − 1 passed, so the opening's W_T hashes to h_T: evaluate that committed model.
  const final = c.mode?.kind === 'tolerant' && c.opening.nextState ? c.opening.nextState : replayStep(c.trainer, c.opening.state).state;
  const held = judgeHeldOut({ model: c.trainer.model, params: final.params, job: c.trainer.job, beacon: c.beacon, options: c.heldOut });
  return ruling(!held.passed, `the final model's held-out accuracy is ${held.accuracy.toFixed(4)} on ${held.examples} examples, floor ${held.floor.toFixed(4)}`);
}
