import { drawComputeSamples, planComputeChallenge, type ComputeChallengePolicy, type ComputeChallengeSpec, type ComputeCommitment } from '@tensorgrid/domain';
import type { ChallengeKindAdapter, JsonRecord } from '../challenge-kind-adapter';
import { IN_PROCESS_CHALLENGE_CHECKS, type ChallengeChecks } from '../checks/challenge-checks';
import { deviceClaims, type CpuBaselines } from '../core/device-claims';
import { fitComputePolicy } from '../core/fit-compute-policy';
import { planOrSkip } from './plan-or-skip';

/**
 * Compute throughput: the device runs the seeded matmul loops sized to its claimed rate and
 * commits a Merkle root with one leaf a loop (`challenge.ready {root}`, timed from issue);
 * the coordinator then asks for k secret tiles (`{ samples }`), the device opens the loops
 * they fall in (`{ openings }`), and the coordinator recomputes the sampled tiles. A claim too large for what a worker accepts runs shorter
 * (`fitComputePolicy`).
 * @param options - the policy, CPU baselines, a factor on the claimed rate (simulated fleets: their "GPUs" are CPU threads), and where the tiles are recomputed (default in process)
 */
export function computeAdapter(options: { policy: ComputeChallengePolicy; baselines: CpuBaselines; claimScale?: number; checks?: ChallengeChecks }): ChallengeKindAdapter {
  const checks = options.checks ?? IN_PROCESS_CHALLENGE_CHECKS;
  return {
    kind: 'compute',
    plan: ({ device, seed }) =>
      planOrSkip(() => {
        const flops = deviceClaims(device, options.baselines).flops * (options.claimScale ?? 1);
        const spec = planComputeChallenge({ claim: { flops }, policy: fitComputePolicy(options.policy, flops), seed });
        return { spec: spec as unknown as JsonRecord, timeoutMs: spec.deadlineMs * 2 + 10_000 };
      }),
    onReady: ({ spec, querySeed }) => ({ kind: 'query', query: { samples: drawComputeSamples({ spec: spec as unknown as ComputeChallengeSpec, seed: querySeed, sampleSize: options.policy.sampleSize }) } }),
    onAnswer: ({ spec, commitment, query, answer, readyElapsedMs }) =>
      checks.compute({
        spec: spec as unknown as ComputeChallengeSpec,
        commitment: commitment as unknown as ComputeCommitment,
        samples: query.samples as number[],
        openings: Array.isArray(answer.openings) ? answer.openings : [],
        elapsedMs: readyElapsedMs,
      }),
  };
}
