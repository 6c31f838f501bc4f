import type { Trainer } from '@tensorgrid/tensor';
import { challengeSeed } from '../challenge/challenge-seed';
import { sampleChallengeSteps } from '../challenge/sample-challenge-steps';
import type { Commitment } from '../prover/solver-publication';

/**
 * The transitions a verifier will ask the solver to open for a commitment under a beacon
 * (what {@link verifyCommitment} checks): an agent fetches these openings over the network
 * first, then passes them to `verifyCommitment` through a map-backed `open`.
 * @param args - the job's trainer, the commitment, the post-commit beacon and q (default 48)
 */
export function challengedSteps(args: { trainer: Trainer; commitment: Commitment; beacon: string; q?: number }): number[] {
  const { trainer } = args;
  return sampleChallengeSteps({ seed: challengeSeed(args.beacon, args.commitment.root), totalSteps: trainer.totalSteps, stepsPerEpoch: trainer.stepsPerEpoch, q: args.q });
}
