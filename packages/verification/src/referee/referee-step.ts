import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson, type Trainer } from '@tensorgrid/tensor';
import type { ChallengeOpening, Commitment } from '../prover/solver-publication';
import { checkChallengedStep } from '../verifier/check-challenged-step';
import type { CheckFailure, VerificationMode } from '../verifier/verification-mode';

/** A one-step dispute (§6.7.1): the commitment, the disputed transition and the solver's opening. */
export interface DisputeCase {
  /** The referee's own canonical trainer for the job. */
  trainer: Trainer;
  commitment: Commitment;
  t: number;
  /** The solver's opening of t → t+1; undefined if it did not answer by the deadline. */
  opening: ChallengeOpening | undefined;
  mode?: VerificationMode;
}

/** The referee's ruling. */
export interface RefereeVerdict {
  /** True when the solver's node is wrong: slash it; false: the challenger is wrong. */
  nodeWrong: boolean;
  /** Always 1: the disputed step is known from sampling, the referee runs it once. */
  rounds: 1;
  step: number;
  failure?: CheckFailure;
  /** SHA-256 over the canonical JSON of {root, leafCount, t, nodeWrong, failure kind}: two referees (or a re-run) must produce the same digest. */
  verdictHash: string;
}

/**
 * The one-step referee: verifies the opened W_t against R, recomputes batch_t, runs one
 * canonical step and compares with h_{t+1} (or within τ), checking W_0 at t = 0. It reads
 * nothing but its arguments and the job, so anyone re-running it gets the same verdict and
 * `verdictHash`. Referee compute: one step, ≈ 1/T of the job; data: one state and
 * 2⌈log₂(T+1)⌉ hashes.
 * @param dispute - the commitment, step and opening
 */
export function refereeStep(dispute: DisputeCase): RefereeVerdict {
  const { trainer, commitment, t } = dispute;
  let failure: CheckFailure | undefined;
  if (!Number.isSafeInteger(t) || t < 0 || t >= trainer.totalSteps) failure = { step: t, kind: 'structure', detail: `no transition ${t}` };
  else if (commitment.leafCount !== trainer.totalSteps + 1) failure = { step: t, kind: 'structure', detail: 'leaf count is not T + 1' };
  else failure = checkChallengedStep({ trainer, commitment, t, opening: dispute.opening, mode: dispute.mode });
  const nodeWrong = failure !== undefined;
  const verdictHash = bytesToHex(sha256(utf8ToBytes(canonicalJson({ root: commitment.root, leafCount: commitment.leafCount, t, nodeWrong, failure: failure?.kind ?? null }))));
  return { nodeWrong, rounds: 1, step: t, ...(failure ? { failure } : {}), verdictHash };
}
