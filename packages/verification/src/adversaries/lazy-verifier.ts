import type { PrfStream } from '@tensorgrid/tensor';
import { verifyCommitment, type VerificationReport, type VerifyCommitmentInput } from '../verifier/verify-commitment';

/**
 * V1, a lazy verifier (test/benchmark support): approves without checking anything.
 * Canaries ({@link plantCanary}) catch it: it approves a commitment that must fail.
 * @param _input - ignored
 */
export function lazyVerifier(_input: VerifyCommitmentInput): VerificationReport {
  return { passed: true, checkedSteps: [], failures: [] };
}

/**
 * A partly lazy verifier: checks with probability `diligence`, otherwise approves blindly.
 * Canaries measure its diligence ρ.
 * @param options - ρ and the verifier's own randomness
 */
export function sloppyVerifier(options: { diligence: number; rng: PrfStream }): (input: VerifyCommitmentInput) => VerificationReport {
  return (input) => (options.rng.nextFloat() < options.diligence ? verifyCommitment(input) : lazyVerifier(input));
}

/**
 * A verifier that replays only the always-checked transitions (first, last and epoch
 * boundaries; q = 0), the cheap part of the check, and skips the beacon's q draws: `fixed`
 * canaries catch it, `sampled` ones pass it ({@link plantCanary}).
 * @param input - what verifyCommitment takes (its q is ignored)
 */
export function fixedStepsVerifier(input: VerifyCommitmentInput): VerificationReport {
  return verifyCommitment({ ...input, q: 0 });
}
