import { DEVNET_COMPUTE_POLICY, DEVNET_MEMORY_POLICY, type ComputeChallengePolicy, type MemoryChallengePolicy } from '@tensorgrid/domain';

/** Kilobyte-sized memory challenges (1 KiB pages, 2 rounds): unit tests and parity checks. */
export const TINY_MEMORY_POLICY: MemoryChallengePolicy = { ...DEVNET_MEMORY_POLICY, scale: 1, pageBytes: 1024, rounds: 2, probes: 128, minPages: 4 };

/** 16×16 matmuls in 4×4 tiles: unit tests and parity checks. */
export const TINY_COMPUTE_POLICY: ComputeChallengePolicy = { ...DEVNET_COMPUTE_POLICY, matrixSize: 16, tileSize: 4, targetSeconds: 1, minLoops: 8 };
