/**
 * @module @tensorgrid/verification
 * Verifiable training by sampled exact replay with one-step proofs (research/verification.md
 * §6.5–6.10), over the deterministic kernels and commitments of @tensorgrid/tensor:
 * - challenge: S = H(tag ‖ post-commit beacon ‖ R) and the sampled transitions (q uniform +
 *   first, last, epoch boundaries);
 * - prover: the solver's openings from its checkpoints;
 * - verifier: structure, sampled one-step checks (exact, or tolerant within τ), W_0, and the
 *   held-out accuracy floor;
 * - referee: the one-round, one-step dispute with a reproducible verdict;
 * - audit: a whistleblower's full replay against the published step hashes;
 * - tolerant: profiling τ and the teacher-forced tolerant check;
 * - canary: planted wrong transitions that measure verifier diligence;
 * - commit-reveal: root commitments for dual execution;
 * - stats: Wilson intervals;
 * - adversaries: the §6.10 cheaters C1–C9, V1, V2, as test and benchmark support only.
 * Pure: no I/O.
 */
export { challengeSeed } from './challenge/challenge-seed';
export { hex32Schema, parseHex32 } from './challenge/hex32';
export { sampleChallengeSteps, fixedChallengeSteps, DEFAULT_SAMPLE_COUNT, type ChallengeDraw } from './challenge/sample-challenge-steps';
export type { Commitment, ChallengeOpening, StateOpening, SolverPublication } from './prover/solver-publication';
export { openTransition, openState, type KeptRun } from './prover/open-transition';
export { honestPublication } from './prover/honest-publication';
export { transitionOpeningWire } from './prover/opening-wire';
export type { VerificationMode, FailureKind, CheckFailure } from './verifier/verification-mode';
export { checkChallengedStep, type ChallengedStep } from './verifier/check-challenged-step';
export { heldOutSplit, heldOutDataset, defaultAccuracyFloor, DEFAULT_HELD_OUT_COUNT } from './verifier/held-out';
export { challengedSteps } from './verifier/challenged-steps';
export { verifyCommitment, type VerifyCommitmentInput, type VerificationReport } from './verifier/verify-commitment';
export { judgeHeldOut, jobHeldOutOptions, HELD_OUT_FIRST_LOOK, HELD_OUT_LOOK_Z, type HeldOutCase, type HeldOutOptions, type HeldOutVerdict } from './verifier/judge-held-out';
export { refereeStep, type DisputeCase, type RefereeVerdict } from './referee/referee-step';
export { checkTransitionTolerant, type TolerantVerdict } from './tolerant/check-transition-tolerant';
export {
  calibrateTolerance, defaultNoiseSettings, DEFAULT_TOLERANCE_FACTOR,
  type NoiseSetting, type CalibrationInput, type ToleranceCalibration,
} from './tolerant/calibrate-tolerance';
export { stepHashTree } from './audit/step-hash-tree';
export { auditRun, type AuditInput, type AuditResult } from './audit/audit-run';
export { CANARY_SAMPLED_SHARE, plantCanary, type CanaryKind, type PlantedCanary } from './canary/plant-canary';
export { scoreVerifierDiligence } from './canary/score-verifier-diligence';
export { commitRoot, checkReveal, type RootReveal } from './commit-reveal/commit-root';
export { wilsonInterval, Z_95, type WilsonInterval } from './stats/wilson-interval';
// Adversaries (§6.10): test and benchmark support, not for production paths.
export { fabricateStates, publishStates, relabel, adversaryRng, drawDistinct, type PublishOptions } from './adversaries/fabricate-states';
export { skippedStepsCheater, type SkipVariant, type SkippedStepsOptions } from './adversaries/skipped-steps';
export { fewerEpochsCheater } from './adversaries/fewer-epochs';
export { randomWeightsCheater } from './adversaries/random-weights';
export { otherJobCheater, earlierStatesCheater } from './adversaries/replayed-checkpoints';
export { ownBatchesCheater } from './adversaries/own-batches';
export { wrongHyperparameterCheater, type WrongHyperparameter } from './adversaries/wrong-hyperparameters';
export { tinyBiasCheater } from './adversaries/tiny-bias';
export { grindingCheater, type GrindingOptions } from './adversaries/grinding';
export { withholdingSolver } from './adversaries/withholding';
export { fixedStepsVerifier, lazyVerifier, sloppyVerifier } from './adversaries/lazy-verifier';
export { copyingSolverSucceeds, type CopyStrategy } from './adversaries/copying-solver';
