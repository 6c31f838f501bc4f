import { COMPUTE_MAX_LOOPS, DEFAULT_COMPUTE_POLICY, DEVNET_COMPUTE_POLICY } from '@tensorgrid/domain';
import { describe, expect, it } from 'vitest';
import { fitComputePolicy } from './fit-compute-policy';

const LOOP_FLOPS = 2 * 4096 ** 3;
/** Loops the GPU policy may have (one Merkle leaf each). */
const GPU_LIMIT = COMPUTE_MAX_LOOPS;

describe('fitComputePolicy', () => {
  it('leaves a policy unchanged when the claim fits what a worker accepts', () => {
    expect(fitComputePolicy(DEFAULT_COMPUTE_POLICY, 8 * 362e12)).toBe(DEFAULT_COMPUTE_POLICY);
    expect(fitComputePolicy(DEVNET_COMPUTE_POLICY, 1e18)).toBe(DEVNET_COMPUTE_POLICY);
    expect(fitComputePolicy({ ...DEFAULT_COMPUTE_POLICY, maxLoops: 2 ** 30 }, 1e12).maxLoops).toBe(COMPUTE_MAX_LOOPS);
  });

  it('shortens a larger claim’s run to fill the worker’s limit exactly', () => {
    const flops = 16 * 362e12;
    const fitted = fitComputePolicy(DEFAULT_COMPUTE_POLICY, flops);
    expect(fitted.maxLoops).toBe(GPU_LIMIT);
    expect(fitted.targetSeconds).toBeCloseTo((GPU_LIMIT * LOOP_FLOPS) / flops, 9);
    expect(fitted.targetSeconds).toBeLessThan(DEFAULT_COMPUTE_POLICY.targetSeconds);
  });

  it('does not shorten below 2·base / (2 − slack), where a half-rate device could make the deadline: the claim is then too large', () => {
    const shortest = (2 * DEFAULT_COMPUTE_POLICY.baseMs) / 1000 / (2 - DEFAULT_COMPUTE_POLICY.slack);
    const fits = fitComputePolicy(DEFAULT_COMPUTE_POLICY, (GPU_LIMIT * LOOP_FLOPS) / shortest);
    expect(fits.targetSeconds).toBeCloseTo(shortest, 9);
    const tooLarge = fitComputePolicy(DEFAULT_COMPUTE_POLICY, (GPU_LIMIT * LOOP_FLOPS) / (shortest * 0.9));
    expect(tooLarge).toBe(DEFAULT_COMPUTE_POLICY);
  });
});
