import { isSeedHex } from '../challenge-seed';
import { invalidChallenge, requireInt, requireNumber } from '../invalid-challenge';

/** A compute-throughput challenge on the wire (numbers and hex only). */
export interface ComputeChallengeSpec {
  kind: 'compute';
  /** 2: the Merkle leaves are loops (each the SHA-256 of its tile digests); 1 had one leaf a tile. */
  version: 2;
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

/** The device's commitment: the Merkle root over every loop's leaf (see `computeLoopLeaf`), and its own timing. */
export interface ComputeCommitment {
  root: string;
  /** The device's own measure (informational; the coordinator's clock decides). */
  deviceElapsedMs: number;
}

/**
 * One opened loop: all its tile digests (hex, tile row-major), whose SHA-256 is the loop's
 * leaf, and the leaf's Merkle path to the root. The coordinator recomputes the sampled tiles
 * of the loop and compares them with these digests.
 */
export interface ComputeOpening {
  loop: number;
  tiles: string[];
  proof: string[];
}

/** Entries of A and B are integers in [-COMPUTE_ENTRY_BOUND, COMPUTE_ENTRY_BOUND]. */
export const COMPUTE_ENTRY_BOUND = 8;

/**
 * Tiles per loop ((n / tile)^2), tiles in all (what samples index) and Merkle leaves (one a loop).
 * @param spec - the challenge
 */
export function computeLeafCount(spec: Pick<ComputeChallengeSpec, 'n' | 'tile' | 'loops'>): { tilesPerLoop: number; tiles: number; leaves: number } {
  const t = spec.n / spec.tile;
  return { tilesPerLoop: t * t, tiles: spec.loops * t * t, leaves: spec.loops };
}

/**
 * Most tiles per loop, and most loops one answer opens (at most one a sample, so a policy
 * samples at most that many tiles). An opening carries one digest a tile of its loop: at
 * 32 loops of 256 tiles an answer is about 0.6 MB of hex, within the coordinator's 1 MiB
 * message limit, and a worker recomputes at most 32 loops to open them.
 */
export const COMPUTE_MAX_TILES_PER_LOOP = 256;
export const COMPUTE_MAX_OPENED_LOOPS = 32;

/** Most loops (Merkle leaves, 32 bytes each kept until the openings) a worker accepts in one spec. */
export const COMPUTE_MAX_LOOPS = 1 << 20;

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
  if (s.kind !== 'compute' || s.version !== 2) throw invalidChallenge('not a compute challenge (kind/version)', { kind: s.kind, version: s.version });
  if (!isSeedHex(s.seed)) throw invalidChallenge('seed must be 64 lowercase hex characters', { field: 'seed' });
  const n = requireInt('n', s.n, { min: 8, max: 16384 });
  const tile = requireInt('tile', s.tile, { min: 4, max: n });
  if (n % tile !== 0) throw invalidChallenge('tile must divide n', { n, tile });
  const loops = requireInt('loops', s.loops, { min: 1, max: COMPUTE_MAX_LOOPS });
  requireNumber('claimedFlops', s.claimedFlops, { min: 1, max: 1e18 });
  requireNumber('deadlineMs', s.deadlineMs, { min: 1, max: 3_600_000 });
  if ((n / tile) ** 2 > COMPUTE_MAX_TILES_PER_LOOP) throw invalidChallenge('too many tiles per loop', { tilesPerLoop: (n / tile) ** 2, most: COMPUTE_MAX_TILES_PER_LOOP });
  const flops = 2 * n ** 3 * loops;
  if (limits && flops > limits.maxFlops) throw invalidChallenge('spec asks for more work than allowed', { flops, maxFlops: limits.maxFlops });
  return spec as ComputeChallengeSpec;
}
