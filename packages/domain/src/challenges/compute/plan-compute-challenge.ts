import { deriveSeed, type SeedHex } from '../challenge-seed';
import { invalidChallenge, requireInt, requireNumber } from '../invalid-challenge';
import { createSeededRng, sampleDistinct } from '../seeded-rng';
import { DEVNET_COMPUTE_POLICY, type ComputeChallengePolicy } from './compute-policy';
import { COMPUTE_MAX_OPENED_LOOPS, COMPUTE_MAX_TILES_PER_LOOP, computeLeafCount, type ComputeChallengeSpec } from './compute-spec';

/** What the device claims: FLOP/s (use `cpuClaimFlops(cores)` for a CPU device). */
export interface ComputeClaim {
  flops: number;
}

/**
 * FLOP of a spec: 2n³ per loop.
 * @param spec - the challenge
 */
export function computeSpecFlops(spec: Pick<ComputeChallengeSpec, 'n' | 'loops'>): number {
  return 2 * spec.n ** 3 * spec.loops;
}

/**
 * The deadline: base + (work / claimed rate) × slack. It depends on the claim and the
 * policy only, never on what the device reports about its own speed.
 * @param spec - loops, n and claimedFlops
 * @param policy - slack and base
 */
export function computeDeadlineMs(spec: Pick<ComputeChallengeSpec, 'n' | 'loops' | 'claimedFlops'>, policy: Pick<ComputeChallengePolicy, 'slack' | 'baseMs'>): number {
  return policy.baseMs + ((computeSpecFlops(spec) / spec.claimedFlops) * 1000) * policy.slack;
}

/**
 * Plans a compute challenge sized to the claim: loops = round(claim × targetSeconds × scale
 * / 2n³), at least minLoops. Throws VALIDATION_FAILED for absurd claims or policies.
 * @param input - claim, policy (default: devnet) and the coordinator's secret seed
 */
export function planComputeChallenge(input: { claim: ComputeClaim; policy?: ComputeChallengePolicy; seed: SeedHex }): ComputeChallengeSpec {
  const policy = input.policy ?? DEVNET_COMPUTE_POLICY;
  const claimedFlops = requireNumber('claim.flops', input.claim.flops, { min: 1e3, max: 1e18 });
  const n = requireInt('policy.matrixSize', policy.matrixSize, { min: 8, max: 16384 });
  const tile = requireInt('policy.tileSize', policy.tileSize, { min: 4, max: n });
  if (n % tile !== 0) throw invalidChallenge('policy.tileSize must divide policy.matrixSize', { n, tile });
  if ((n / tile) ** 2 > COMPUTE_MAX_TILES_PER_LOOP) throw invalidChallenge(`policy gives ${(n / tile) ** 2} tiles a loop, more than ${COMPUTE_MAX_TILES_PER_LOOP}`, { n, tile });
  requireInt('policy.sampleSize', policy.sampleSize, { min: 1, max: COMPUTE_MAX_OPENED_LOOPS });
  requireNumber('policy.slack', policy.slack, { min: 1, max: 100 });
  const work = claimedFlops * policy.targetSeconds * policy.scale;
  const loops = Math.max(policy.minLoops, Math.round(work / (2 * n ** 3)));
  if (!(loops <= policy.maxLoops)) throw invalidChallenge(`claim gives ${loops} loops, more than ${policy.maxLoops}`, { claimedFlops, loops });
  const spec: ComputeChallengeSpec = { kind: 'compute', version: 2, seed: deriveSeed(input.seed, 'tensorgrid/compute/matrices'), n, tile, loops, claimedFlops, deadlineMs: 0 };
  spec.deadlineMs = computeDeadlineMs(spec, policy);
  return spec;
}

/**
 * The k tile indices (loop · tilesPerLoop + tile) the coordinator checks, drawn from its
 * secret seed after it has the root (so the device cannot know which tiles matter while it
 * computes); the device opens the loops they fall in.
 * @param input - spec, secret seed, k (default 32)
 */
export function drawComputeSamples(input: { spec: ComputeChallengeSpec; seed: SeedHex; sampleSize?: number }): number[] {
  const rng = createSeededRng(deriveSeed(input.seed, 'tensorgrid/compute/samples'));
  return sampleDistinct(rng, { k: input.sampleSize ?? DEVNET_COMPUTE_POLICY.sampleSize, n: computeLeafCount(input.spec).tiles });
}
