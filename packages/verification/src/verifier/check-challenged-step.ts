import { checkTransition, type Trainer } from '@tensorgrid/tensor';
import { isBaseError } from '@tensorgrid/protocol';
import type { ChallengeOpening, Commitment } from '../prover/solver-publication';
import { checkTransitionTolerant } from '../tolerant/check-transition-tolerant';
import type { CheckFailure, VerificationMode } from './verification-mode';

/** What one challenged transition is checked against. */
export interface ChallengedStep {
  trainer: Trainer;
  commitment: Commitment;
  t: number;
  /** What the solver answered; undefined when it withheld. */
  opening: ChallengeOpening | undefined;
  mode?: VerificationMode;
  /** trainer.hash(trainer.initialState()), if the caller has it cached. */
  initialHash?: string;
  /** The node's published leaves h_0 … h_T, already checked against the root: they stand in for the opening's proofs. */
  leaves?: readonly string[];
}

/**
 * Checks one challenged transition t → t+1 against the commitment, as the verifier and the
 * referee both do: the answer exists (else `withheld`), belongs to this commitment and step
 * (else `bad-proof` / `structure`), has the job's shapes (else `structure`), opens W_0 = the
 * seed-drawn init at t = 0 (else `wrong-init`, §6.3: the one-step check alone would accept a
 * correct step from wrong weights), and passes the one-step check of the mode.
 * @param step - trainer, commitment, t, opening and mode
 */
export function checkChallengedStep(step: ChallengedStep): CheckFailure | undefined {
  const { trainer, commitment, t, opening } = step;
  if (!opening) return { step: t, kind: 'withheld' };
  if (opening.root !== commitment.root || opening.leafCount !== commitment.leafCount) return { step: t, kind: 'bad-proof', detail: 'the opening is for another commitment' };
  if (opening.state?.step !== t) return { step: t, kind: 'structure', detail: `opened state is step ${String(opening.state?.step)}, challenged ${t}` };
  try {
    if (t === 0 && opening.hash !== (step.initialHash ?? trainer.hash(trainer.initialState()))) {
      return { step: 0, kind: 'wrong-init', detail: 'h_0 is not the hash of the seed-drawn initial state' };
    }
    const mode = step.mode ?? { kind: 'exact' };
    if (mode.kind === 'tolerant') {
      const v = checkTransitionTolerant(trainer, opening, { tau: mode.tau, leaves: step.leaves });
      if (v.kind === 'valid') return undefined;
      if (v.kind === 'over-tolerance') return { step: t, kind: 'over-tolerance', detail: `ε = ${v.epsilon} > τ = ${v.tau}` };
      return { step: t, kind: v.kind, detail: v.kind === 'state-mismatch' ? `W_${v.which === 'before' ? 't' : 't+1'} does not hash to its leaf` : undefined };
    }
    const v = checkTransition(trainer, opening, step.leaves);
    return v.kind === 'valid' ? undefined : { step: t, kind: v.kind };
  } catch (err) {
    if (isBaseError(err) && err.code === 'VALIDATION_FAILED') return { step: t, kind: 'structure', detail: err.message };
    throw err;
  }
}
