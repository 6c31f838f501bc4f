import { isSeedHex } from '../challenge-seed';
import { invalidChallenge, requireInt, requireNumber } from '../invalid-challenge';

/** A compute-throughput challenge on the wire (numbers and hex only). */
export interface ComputeChallengeSpec {
  kind: 'compute';
  version: 1;
  /** Matrix seed (derived from the coordinator's secret seed). */
  seed: string;
  /** Matrix edge n. */
  n: number;
  /** Tile edge (divides n). */
  tile: number;
  /** Loops: loop l multiplies A_l·B_l. */
  loops: number;
  /** The claimed rate the deadline is derived from (FLOP/s). */
  claimedFlops: number;
  /** ms from sending the spec to receiving the root. */
  deadlineMs: number;
}

/** The device's commitment: the Merkle root over all tile digests, and its own timing. */
export interface ComputeCommitment {
  root: string;
  /** The device's own measure (informational; the coordinator's clock decides). */
  deviceElapsedMs: number;
}

/** One opened tile: its digest and the Merkle path to the root. */
export interface ComputeOpening {
  index: number;
  digest: string;
  proof: string[];
}

/** Entries of A and B are integers in [-COMPUTE_ENTRY_BOUND, COMPUTE_ENTRY_BOUND]. */
export const COMPUTE_ENTRY_BOUND = 8;

/**
 * Tiles per loop ((n / tile)^2) and leaves in all.
 * @param spec - the challenge
 */
export function computeLeafCount(spec: Pick<ComputeChallengeSpec, 'n' | 'tile' | 'loops'>): { tilesPerLoop: number; leaves: number } {
  const t = spec.n / spec.tile;
  return { tilesPerLoop: t * t, leaves: spec.loops * t * t };
}

/** Most loops a worker accepts in one spec. */
export const COMPUTE_MAX_LOOPS = 1 << 20;

/** Most tile digests (Merkle leaves) a worker accepts in one spec: it keeps them all until the openings. */
export const COMPUTE_MAX_LEAVES = 2 ** 24;

/** A worker's ceilings before it starts a spec's work. */
export interface ComputeSpecLimits {
  /** Most FLOP it will do (its claim × policy seconds × slack). */
  maxFlops: number;
}

/**
 * Checks a spec's shape and sizes; throws VALIDATION_FAILED on anything absurd.
 * @param spec - untrusted
 * @param limits - optional ceilings
 */
export function validateComputeSpec(spec: unknown, limits?: ComputeSpecLimits): ComputeChallengeSpec {
  if (typeof spec !== 'object' || spec === null) throw invalidChallenge('spec must be an object');
  const s = spec as Record<string, unknown>;
  if (s.kind !== 'compute' || s.version !== 1) throw invalidChallenge('not a compute challenge (kind/version)', { kind: s.kind, version: s.version });
  if (!isSeedHex(s.seed)) throw invalidChallenge('seed must be 64 lowercase hex characters', { field: 'seed' });
  const n = requireInt('n', s.n, { min: 8, max: 16384 });
  const tile = requireInt('tile', s.tile, { min: 4, max: n });
  if (n % tile !== 0) throw invalidChallenge('tile must divide n', { n, tile });
  const loops = requireInt('loops', s.loops, { min: 1, max: COMPUTE_MAX_LOOPS });
  requireNumber('claimedFlops', s.claimedFlops, { min: 1, max: 1e18 });
  requireNumber('deadlineMs', s.deadlineMs, { min: 1, max: 3_600_000 });
  if (loops * (n / tile) ** 2 > COMPUTE_MAX_LEAVES) throw invalidChallenge('too many tiles', { leaves: loops * (n / tile) ** 2 });
  const flops = 2 * n ** 3 * loops;
  if (limits && flops > limits.maxFlops) throw invalidChallenge('spec asks for more work than allowed', { flops, maxFlops: limits.maxFlops });
  return spec as ComputeChallengeSpec;
}
