import { isCommittedLeaf, type Trainer } from '@tensorgrid/tensor';
import { stepHashTree } from '../audit/step-hash-tree';
import type { ChallengeOpening, Commitment, StateOpening } from '../prover/solver-publication';
import { challengedSteps } from './challenged-steps';
import { checkChallengedStep } from './check-challenged-step';
import { judgeHeldOut, type HeldOutOptions, type HeldOutVerdict } from './judge-held-out';
import type { CheckFailure, VerificationMode } from './verification-mode';

/** Everything the verifier needs. */
export interface VerifyCommitmentInput {
  /** The verifier's own canonical trainer over the job's training split. */
  trainer: Trainer;
  commitment: Commitment;
  /** The beacon revealed after the commitment (32 bytes hex). */
  beacon: string;
  /** The solver's port: the opening of transition t, or undefined if withheld. */
  open: (t: number) => ChallengeOpening | undefined;
  /** The solver's opening of leaf T (final model); omit or return undefined if withheld. */
  openFinal?: () => StateOpening | undefined;
  /** Exact (default) or tolerant {tau}. */
  mode?: VerificationMode;
  /** q uniform samples (default 48). */
  q?: number;
  /** The held-out check; `false` skips it (e.g. a referee-only replay). Default: on. */
  heldOut?: HeldOutOptions | false;
  /** Stop at the first failed check (benchmarks); default: check every sampled step. */
  stopAtFirstFailure?: boolean;
  /**
   * The node's published step hashes h_0 … h_T (`hashes` undefined: it published none), for a
   * verifier that must check them, since whistleblowers audit with them: checked against the
   * root once (`leaves-withheld`, reported after the replay's failures, when missing or
   * wrong); when right, they stand in for the openings' Merkle proofs. Omit to check the
   * proofs alone (a referee's replay).
   */
  leaves?: { hashes: readonly string[] | undefined };
}

/** The verifier's report on one commitment. */
export interface VerificationReport {
  passed: boolean;
  /** The challenged transitions, sorted (those checked before a stop, if stopping early). */
  checkedSteps: number[];
  failures: CheckFailure[];
  heldOut?: Omit<HeldOutVerdict, 'passed'>;
}

/**
 * The always-on check of a training commitment (research/verification.md §6.5):
 * 1. structure: leafCount = T + 1;
 * 2. S = challengeSeed(beacon, R) and the sampled transitions (q uniform + first, last and
 *    epoch boundaries);
 * 3. each sampled transition opened by the solver and checked in one step (exact hashes, or
 *    teacher-forced ε ≤ τ in tolerant mode), W_0 against the seed-drawn init;
 * 4. held-out: the final state (leaf T, with its proof or the published leaf) must reach the accuracy floor on a
 *    held-out draw the solver never trained on ({@link judgeHeldOut}: sequential, 64 examples
 *    when the model is clearly above or below its floor, up to 512);
 * 5. if asked, the published step hashes: their root must be the committed one (T + 1 leaf
 *    hashes and about as many node hashes), and then they replace every opening's proof.
 * Passed iff no check failed. Cost ≈ (q + E + 2)/T of the job plus one evaluation pass of 64 to 512 examples.
 * @param input - trainer, commitment, beacon, the solver's port, mode and options
 */
export function verifyCommitment(input: VerifyCommitmentInput): VerificationReport {
  const { trainer, commitment } = input;
  const T = trainer.totalSteps;
  const failures: CheckFailure[] = [];
  const report = (checkedSteps: number[], heldOut?: VerificationReport['heldOut']): VerificationReport => ({ passed: failures.length === 0, checkedSteps, failures, ...(heldOut ? { heldOut } : {}) });
  if (commitment.leafCount !== T + 1) {
    failures.push({ step: T, kind: 'structure', detail: `the commitment has ${commitment.leafCount} leaves, the job T + 1 = ${T + 1}` });
    return report([]);
  }
  const published = input.leaves && stepHashTree(commitment, input.leaves.hashes, trainer.digest);
  const leavesFailure = published && 'failure' in published ? published.failure : undefined;
  const leaves = published && 'tree' in published ? input.leaves!.hashes : undefined;
  const steps = challengedSteps({ trainer, commitment, beacon: input.beacon, q: input.q });
  const initialHash = trainer.hash(trainer.initialState());
  const checked: number[] = [];
  for (const t of steps) {
    checked.push(t);
    const failure = checkChallengedStep({ trainer, commitment, t, opening: input.open(t), mode: input.mode, initialHash, leaves });
    if (failure) {
      failures.push(failure);
      if (input.stopAtFirstFailure) return report(checked);
    }
  }
  const heldOut = input.heldOut === false ? undefined : checkHeldOut({ trainer, commitment, beacon: input.beacon, opening: input.openFinal?.(), options: input.heldOut ?? {}, leaves });
  if (heldOut?.failure) failures.push(heldOut.failure);
  // Last: a contest re-judges the first failure, and a replayed step's is the one to re-run.
  if (leavesFailure) failures.push(leavesFailure);
  return report(checked, heldOut?.result);
}

function checkHeldOut(args: { trainer: Trainer; commitment: Commitment; beacon: string; opening: StateOpening | undefined; options: HeldOutOptions; leaves?: readonly string[] }): { failure?: CheckFailure; result?: VerificationReport['heldOut'] } {
  const { trainer, commitment, opening } = args;
  const T = trainer.totalSteps;
  if (!opening) return { failure: { step: T, kind: 'withheld', detail: 'the final model was not opened' } };
  if (opening.root !== commitment.root || opening.leafCount !== commitment.leafCount || opening.state?.step !== T) return { failure: { step: T, kind: 'bad-proof', detail: 'the final opening is not leaf T of this commitment' } };
  if (!isCommittedLeaf(trainer, { root: commitment.root, leafCount: commitment.leafCount, index: T, hash: opening.hash, proof: opening.proof }, args.leaves)) return { failure: { step: T, kind: 'bad-proof', detail: 'the final state is not leaf T' } };
  try {
    trainer.checkState(opening.state);
  } catch {
    return { failure: { step: T, kind: 'structure', detail: 'the final state does not fit the job' } };
  }
  if (trainer.hash(opening.state) !== opening.hash) return { failure: { step: T, kind: 'state-mismatch', detail: 'the final state does not hash to leaf T' } };
  const { passed, ...result } = judgeHeldOut({ model: trainer.model, params: opening.state.params, job: trainer.job, beacon: args.beacon, options: args.options });
  return passed ? { result } : { result, failure: { step: T, kind: 'held-out', detail: `accuracy ${result.accuracy.toFixed(4)} < floor ${result.floor.toFixed(4)} on ${result.examples} held-out examples` } };
}
