import { DEVNET_COMPUTE_POLICY, DEVNET_MEMORY_POLICY, DEVNET_POW_POLICY, type ComputeChallengePolicy, type MemoryChallengePolicy } from '@tensorgrid/domain';
import type { ChallengeKindAdapter } from '../challenge-kind-adapter';
import type { ChallengeChecks } from '../checks/challenge-checks';
import type { CpuBaselines } from '../core/device-claims';
import { computeAdapter } from './compute-adapter';
import { memoryAdapter } from './memory-adapter';
import { powAdapter } from './pow-adapter';

/**
 * What one CPU core of a devnet must show: 0.6 GFLOP/s on the TypeScript matmul and 400,000
 * SHA-256/s for proof-of-work. On the 2-core reference machine one Node 20 core does
 * 1.3-1.6 GFLOP/s and ≈ 1 M hashes/s idle, but a devnet runs its chain, coordinator and a
 * simulated fleet on the same cores, and the local worker's compute challenge was seen at
 * 372 ms of a 397 ms deadline with the bench's 1.2 GFLOP/s. Half the measured rate keeps
 * the devnet's own honest worker clear of false failures; the bench calibrates its own.
 */
export const DEVNET_CPU_BASELINES: CpuBaselines = { flopsPerCore: 0.6e9, hashesPerCore: 400_000 };

/**
 * The three challenge kinds with the devnet policies (memory at 1/256 of the claim, small
 * matmuls, a half-second puzzle): sized for a laptop-class CPU and for tests.
 * @param options - one CPU core's rates (default DEVNET_CPU_BASELINES) and where answers are checked (default in process)
 */
export function devnetChallengeAdapters(options: { baselines?: CpuBaselines; checks?: ChallengeChecks } = {}): ChallengeKindAdapter[] {
  const { baselines = DEVNET_CPU_BASELINES, checks } = options;
  return [
    memoryAdapter({ policy: DEVNET_MEMORY_POLICY, baselines, checks }),
    computeAdapter({ policy: DEVNET_COMPUTE_POLICY, baselines, checks }),
    powAdapter({ policy: DEVNET_POW_POLICY, baselines }),
  ];
}

/**
 * Memory policy for simulated devices: 1/4096 of the claim in 16 KiB pages of 32 mixing
 * rounds (≈ 1 ms each in Node), so a simulated RTX 3080 (10 GiB) fills 160 pages and one
 * holding half must regenerate ≈ 80 ms of pages against the 50 ms deadline, while a
 * simulated 8×H100 fills 160 MiB.
 */
export const SIMULATED_MEMORY_POLICY: MemoryChallengePolicy = { ...DEVNET_MEMORY_POLICY, scale: 2 ** -12, pageBytes: 16 * 1024, rounds: 32 };

/** Simulated GPUs are CPU threads: their claimed FLOP/s are taken × 2·10⁻⁷ (8×H100 → 0.55 GFLOP/s, one RTX 3080 → 4.2 MFLOP/s). */
export const SIMULATED_FLOPS_SCALE = 2e-7;

/**
 * Compute policy for simulated devices: the devnet's, on n = 64 matrices (0.5 MFLOP a loop),
 * so that the eight loops every challenge has take a simulated RTX 3080 (the slowest card
 * simulated) about a second.
 */
export const SIMULATED_COMPUTE_POLICY: ComputeChallengePolicy = { ...DEVNET_COMPUTE_POLICY, matrixSize: 64, tileSize: 16 };

/**
 * The challenge kinds for devices flagged simulated (the devnet's fleet simulator): the same
 * checks, scaled so a fleet of simulated data-centre GPUs can be proven by one CPU.
 * @param options - one CPU core's rates (default DEVNET_CPU_BASELINES) and where answers are checked (default in process)
 */
export function simulatedChallengeAdapters(options: { baselines?: CpuBaselines; checks?: ChallengeChecks } = {}): ChallengeKindAdapter[] {
  const { baselines = DEVNET_CPU_BASELINES, checks } = options;
  return [
    memoryAdapter({ policy: SIMULATED_MEMORY_POLICY, baselines, checks }),
    computeAdapter({ policy: SIMULATED_COMPUTE_POLICY, baselines, claimScale: SIMULATED_FLOPS_SCALE, checks }),
    powAdapter({ policy: DEVNET_POW_POLICY, baselines }),
  ];
}
