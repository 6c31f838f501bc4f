import { COMPUTE_MAX_LEAVES, COMPUTE_MAX_LOOPS, type ComputeChallengePolicy } from '@tensorgrid/domain';

/**
 * A compute policy fitted to what a worker accepts (`validateComputeSpec`: at most
 * COMPUTE_MAX_LOOPS loops and COMPUTE_MAX_LEAVES tile digests), so that an honest device is
 * never sent a spec it must refuse. Within the limits the policy is unchanged. A larger
 * claim (5 H100s or more at n = 4096) is run for a shorter time that fills the limit, as
 * long as a device at half its claim still misses the deadline by a margin: a half-rate
 * device takes 2·T against base + slack·T, so T must stay ≥ 2·base / (2 − slack) (8 s at
 * 2 s base, slack 1.5). Past that the policy's maxLoops is lowered to the limit and the
 * planner finds the claim too large (the kind does not apply).
 * @param policy - the policy
 * @param claimedFlops - the claim the challenge is sized to (after any claim scale)
 */
export function fitComputePolicy(policy: ComputeChallengePolicy, claimedFlops: number): ComputeChallengePolicy {
  const loopFlops = 2 * policy.matrixSize ** 3;
  const limit = Math.min(COMPUTE_MAX_LOOPS, Math.floor(COMPUTE_MAX_LEAVES / (policy.matrixSize / policy.tileSize) ** 2));
  if (policy.maxLoops <= limit) return policy;
  const wanted = (claimedFlops * policy.targetSeconds * policy.scale) / loopFlops;
  if (wanted <= limit) return policy;
  const targetSeconds = (limit * loopFlops) / (claimedFlops * policy.scale);
  const shortest = (2 * policy.baseMs) / 1000 / (2 - policy.slack);
  return policy.slack < 2 && targetSeconds >= shortest ? { ...policy, targetSeconds, maxLoops: limit } : { ...policy, maxLoops: limit };
}
