/**
 * The coordinator's parameters for compute-throughput challenges (M-PoC style: seeded
 * matmuls, per-tile SHA-256 folded into one Merkle leaf a loop, k tiles re-computed).
 *
 * The gap to detect is 2× (a device claiming twice its rate), so the deadline sits
 * between: work / claimed rate × slack, slack 1.5. An honest device at its claimed rate
 * has 50 % headroom for noise; a half-rate device needs 2.0× the claimed time, so it either
 * misses the deadline or fakes ≥ 1 - 1.5/2 = 25 % of the loops, and k = 32 sampled tiles
 * catch that with probability 1 - 0.75^32 > 99.99 %.
 */
export interface ComputeChallengePolicy {
  /** Multiplies the work (1 in production; tiny on the devnet when GPUs are simulated on CPUs). */
  scale: number;
  /** Seconds the work should take at the claimed rate (before scale). */
  targetSeconds: number;
  /** n: each loop multiplies two n×n matrices (2n³ FLOP). n ≤ 2^18 keeps sums exact in float32. */
  matrixSize: number;
  /** Tile edge; n must be a multiple. One SHA-256 digest per tile, (n / tile)² of them a loop. */
  tileSize: number;
  /** Deadline = base + claimed time × slack. */
  slack: number;
  /** Fixed part of the deadline (round trip, start-up). */
  baseMs: number;
  /** k: tiles re-computed by the coordinator. */
  sampleSize: number;
  /**
   * A CPU device's claim = cores × this rate (FLOP/s of the reference TypeScript kernel).
   * Measured on the 2-core reference machine: n = 128 runs at 1.3-1.6 GFLOP/s on one
   * Node 20 core when the machine is quiet, and as low as 0.55 when it is shared (load
   * average 5). 1.2e9 is a quiet-machine figure; a deployment must calibrate it per CPU
   * class. `npm run bench:challenges` re-measures it with the other core busy and uses that.
   * Cores working together run slower each (shared caches, memory bandwidth, SMT): on the
   * reference VM two compute threads did 0.69× the one-core rate each, so a class's rate
   * must be calibrated with all its cores working.
   */
  cpuFlopsPerCore: number;
  /** Fewest loops per challenge (a cheater must be able to fake a fraction of them). */
  minLoops: number;
  /** Most loops per challenge. */
  maxLoops: number;
}

/** Devnet, tests and the bench: n = 128, 32×32 tiles, 0.25 s at the claimed rate. */
export const DEVNET_COMPUTE_POLICY: ComputeChallengePolicy = {
  scale: 1,
  targetSeconds: 0.25,
  matrixSize: 128,
  tileSize: 32,
  slack: 1.5,
  baseMs: 20,
  sampleSize: 32,
  cpuFlopsPerCore: 1.2e9,
  minLoops: 8,
  maxLoops: 1 << 16,
};

/**
 * Production (GPU): n = 4096, 256×256 tiles (256 digests a loop), 30 s at the claimed rate
 * (an H100 at its 346 TFLOP/s kernel rate: ≈ 75,500 loops), 2 s base for start-up and the
 * round trip.
 */
export const DEFAULT_COMPUTE_POLICY: ComputeChallengePolicy = {
  scale: 1,
  targetSeconds: 30,
  matrixSize: 4096,
  tileSize: 256,
  slack: 1.5,
  baseMs: 2000,
  sampleSize: 32,
  cpuFlopsPerCore: 1.2e9,
  minLoops: 8,
  maxLoops: 1 << 20,
};

/**
 * Production (CPU workers): the devnet's n = 128 workload (the one `cpuFlopsPerCore` is
 * measured on, 16 tiles a loop) for 10 s at the claimed rate, 2 s base. A device passes
 * while its claimed ÷ real rate stays under 1.5 + base/target = 1.7. CPU cores run at
 * 0.69-1 × the one-core 1.2 GFLOP/s when all of them work together, so that ratio is
 * 1.0-1.45 for an honest CPU worker and 2.0-2.9 for one claiming twice its cores. A 64-core
 * claim is ≈ 183,000 loops; the coordinator checks 32 tiles of 2·32²·128 FLOP.
 */
export const CPU_COMPUTE_POLICY: ComputeChallengePolicy = { ...DEVNET_COMPUTE_POLICY, targetSeconds: 10, baseMs: 2000, maxLoops: 1 << 20 };

/**
 * The FLOP/s a CPU device may claim: its cores × the policy's per-core baseline.
 * @param cores - claimed cores
 * @param policy - the policy
 */
export function cpuClaimFlops(cores: number, policy: Pick<ComputeChallengePolicy, 'cpuFlopsPerCore'> = DEVNET_COMPUTE_POLICY): number {
  return cores * policy.cpuFlopsPerCore;
}
