import { CPU_COMPUTE_POLICY, CPU_MEMORY_POLICY, DEFAULT_COMPUTE_POLICY, DEFAULT_MEMORY_POLICY, DEFAULT_POW_POLICY } from '@tensorgrid/domain';
import type { ChallengeAdapterSet } from '../challenge-kind-adapter';
import type { ChallengeChecks } from '../checks/challenge-checks';
import type { CpuBaselines } from '../core/device-claims';
import { computeAdapter } from './compute-adapter';
import { DEVNET_CPU_BASELINES, simulatedChallengeAdapters } from './devnet-challenge-adapters';
import { memoryAdapter } from './memory-adapter';
import { powAdapter } from './pow-adapter';

/**
 * What one CPU core must show in production: the measured 1.2 GFLOP/s of the n = 128
 * TypeScript matmul (not halved as on the devnet, where that let a CPU worker claiming twice
 * its cores pass), and the devnet's 400,000 SHA-256/s: proof-of-work claims one core on every
 * device whatever it reports, so a low floor loses no detection and keeps slow or busy host
 * CPUs (0.6-1 M hashes/s measured) clear of false failures.
 */
export const PRODUCTION_CPU_BASELINES: CpuBaselines = { flopsPerCore: CPU_COMPUTE_POLICY.cpuFlopsPerCore, hashesPerCore: DEVNET_CPU_BASELINES.hashesPerCore };

/**
 * The challenge kinds of a real network. GPU workers get the full-scale policies: all their
 * VRAM filled, 30 s of n = 4096 matmuls at their cards' spec-sheet rate, a one-minute puzzle.
 * CPU workers get policies a CPU can answer: half their RAM (`CPU_MEMORY_POLICY`), 10 s of
 * n = 128 matmuls at the unhalved per-core rate (`CPU_COMPUTE_POLICY`), the same puzzle.
 * Simulated devices keep the simulated policies.
 * @param options - one CPU core's rates (default PRODUCTION_CPU_BASELINES) and where answers are checked (default in process)
 */
export function productionChallengeAdapters(options: { baselines?: CpuBaselines; checks?: ChallengeChecks } = {}): ChallengeAdapterSet {
  const { baselines = PRODUCTION_CPU_BASELINES, checks } = options;
  const pow = powAdapter({ policy: DEFAULT_POW_POLICY, baselines });
  return {
    gpu: [memoryAdapter({ policy: DEFAULT_MEMORY_POLICY, baselines, checks }), computeAdapter({ policy: DEFAULT_COMPUTE_POLICY, baselines, checks }), pow],
    cpu: [memoryAdapter({ policy: CPU_MEMORY_POLICY, baselines, checks }), computeAdapter({ policy: CPU_COMPUTE_POLICY, baselines, checks }), pow],
    simulated: simulatedChallengeAdapters({ checks }),
  };
}
