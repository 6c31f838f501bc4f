import { COMPUTE_MAX_LOOPS, type ComputeChallengePolicy } from '@tensorgrid/domain';

/**
 * A compute policy fitted to its loop limit (the policy's maxLoops, at most the
 * COMPUTE_MAX_LOOPS a worker accepts in `validateComputeSpec`), so that an honest device is
 * never sent a spec it must refuse. Within the limit the policy is unchanged. A larger claim
 * (14 H100s or more at n = 4096) is run for a shorter time that fills the limit, as long as a
 * device at half its claim still misses the deadline by a margin: a half-rate device takes
 * 2·T against base + slack·T, so T must stay ≥ 2·base / (2 − slack) (8 s at 2 s base, slack
 * 1.5). Past that the planner finds the claim too large (the kind does not apply).
 * @param policy - the policy
 * @param claimedFlops - the claim the challenge is sized to (after any claim scale)
 */
export function fitComputePolicy(policy: ComputeChallengePolicy, claimedFlops: number): ComputeChallengePolicy {
  const loopFlops = 2 * policy.matrixSize ** 3;
  const limit = Math.min(policy.maxLoops, COMPUTE_MAX_LOOPS);
  const limited = policy.maxLoops === limit ? policy : { ...policy, maxLoops: limit };
  const wanted = (claimedFlops * policy.targetSeconds * policy.scale) / loopFlops;
  if (wanted <= limit) return limited;
  const targetSeconds = (limit * loopFlops) / (claimedFlops * policy.scale);
  const shortest = (2 * policy.baseMs) / 1000 / (2 - policy.slack);
  return policy.slack < 2 && targetSeconds >= shortest ? { ...limited, targetSeconds } : limited;
}
