import type { ChallengeAdapterSet } from '../challenge-kind-adapter';
import type { ChallengeChecks } from '../checks/challenge-checks';
import { devnetChallengeAdapters, simulatedChallengeAdapters } from './devnet-challenge-adapters';
import { productionChallengeAdapters } from './production-challenge-adapters';

/** Which policies the hardware challenges are sized with (`TG_CHALLENGE_PROFILE`). */
export type ChallengeProfile = 'production' | 'devnet';

/**
 * The challenge kinds of a profile: `production` sizes them to real GPUs and CPU workers;
 * `devnet` sizes every real device's to a laptop that runs a whole devnet (memory at 1/256,
 * quarter-second matmuls, a half-second puzzle). Simulated devices get the simulated kinds
 * in both.
 * @param profile - the profile
 * @param checks - where answers are checked (main.ts: worker threads) @default in process
 */
export function challengeAdaptersFor(profile: ChallengeProfile, checks?: ChallengeChecks): ChallengeAdapterSet {
  if (profile === 'production') return productionChallengeAdapters({ checks });
  const devnet = devnetChallengeAdapters({ checks });
  return { gpu: devnet, cpu: devnet, simulated: simulatedChallengeAdapters({ checks }) };
}
