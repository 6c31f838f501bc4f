import {
  buildComputeTree,
  COMPUTE_MAX_OPENED_LOOPS,
  computeLeafCount,
  computeLoopDigests,
  merkleRootHex,
  openComputeLoops,
  referenceLoopLeaves,
  sampledLoops,
  validateComputeSpec,
  type ComputeChallengeSpec,
  type ComputeCommitment,
  type ComputeOpening,
  type ComputeSpecLimits,
  type MerkleTree,
} from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';

/**
 * Where a compute challenge's work runs (this thread, the compute threads, the GPU helper):
 * every loop's Merkle leaf for the commitment, then the tile digests of the few loops the
 * coordinator samples, recomputed, to open them.
 */
export interface ComputeKernel {
  /** Every loop's leaf (`computeLoopLeaf` of its tile digests), in loop order. */
  leaves(spec: ComputeChallengeSpec): Promise<Uint8Array[]>;
  /** The tile digests of each loop given, in tile order. */
  loopTiles(spec: ComputeChallengeSpec, loops: readonly number[]): Promise<Uint8Array[][]>;
}

/** The reference TypeScript kernel on the calling thread. */
export const THIS_THREAD_KERNEL: ComputeKernel = {
  leaves: async (spec) => referenceLoopLeaves(spec),
  loopTiles: async (spec, loops) => loops.map((loop) => computeLoopDigests(spec, loop)),
};

/** Loops per request to the GPU helper: few round trips, and a batch's digests fit one message. */
export const LOOPS_PER_BATCH = 64;

/**
 * Every loop's leaf, asked for a batch of loops at a time (the GPU helper: one loop per
 * message would cost a round trip per millisecond of GPU work).
 * @param leavesOf - the leaves of some loops, in the order given
 * @param perBatch - loops per request @default LOOPS_PER_BATCH (a helper over several cards: that many per card)
 */
export function inLoopBatches(leavesOf: (spec: ComputeChallengeSpec, loops: readonly number[]) => Promise<Uint8Array[]>, perBatch = LOOPS_PER_BATCH): ComputeKernel['leaves'] {
  return async (spec) => {
    const leaves: Uint8Array[] = [];
    for (let first = 0; first < spec.loops; first += perBatch) {
      const loops = Array.from({ length: Math.min(perBatch, spec.loops - first) }, (_, i) => first + i);
      for (const leaf of await leavesOf(spec, loops)) leaves.push(leaf);
    }
    return leaves;
  };
}

/**
 * The honest worker side of a compute challenge: `run()` does every loop (C = A·B, tile
 * digests folded into one leaf a loop), builds the Merkle tree over the loops and returns the
 * commitment; `open(samples)` recomputes the loops the coordinator's sampled tiles fall in
 * and opens them. Only 32 bytes a loop are kept between the two.
 */
export class ComputeResponder {
  readonly spec: ComputeChallengeSpec;
  private tree: MerkleTree | undefined;
  private kernel: ComputeKernel = THIS_THREAD_KERNEL;

  /**
   * @param spec - the challenge (untrusted; validated with `limits`)
   * @param limits - the worker's ceiling
   */
  constructor(spec: unknown, limits?: ComputeSpecLimits) {
    this.spec = validateComputeSpec(spec, limits);
  }

  /**
   * Does the work and commits to it.
   * @param kernel - where it runs @default THIS_THREAD_KERNEL
   */
  async run(kernel: ComputeKernel = THIS_THREAD_KERNEL): Promise<ComputeCommitment> {
    const started = performance.now();
    this.kernel = kernel;
    const leaves = await kernel.leaves(this.spec);
    if (leaves.length !== this.spec.loops || !leaves.every((l) => l.length === 32)) {
      throw new BaseError('INTERNAL', `The compute kernel gave ${leaves.length} leaves for ${this.spec.loops} loops (or not 32 bytes each)`);
    }
    this.tree = buildComputeTree(this.spec, leaves);
    return { root: merkleRootHex(this.tree), deviceElapsedMs: performance.now() - started };
  }

  /** Same as {@link run} with the TS kernel, synchronously (benches). */
  runSync(): ComputeCommitment {
    const started = performance.now();
    this.kernel = THIS_THREAD_KERNEL;
    this.tree = buildComputeTree(this.spec);
    return { root: merkleRootHex(this.tree), deviceElapsedMs: performance.now() - started };
  }

  /**
   * Opens the loops the sampled tiles fall in (samples out of range are ignored). Throws if
   * `run` has not finished, and VALIDATION_FAILED for samples in more than
   * COMPUTE_MAX_OPENED_LOOPS loops (each is recomputed).
   * @param samples - tile indices from the coordinator
   */
  async open(samples: readonly unknown[]): Promise<ComputeOpening[]> {
    const tree = this.tree;
    if (!tree) throw new Error('ComputeResponder.open before run');
    const loops = sampledLoops(this.spec, samples);
    if (loops.length > COMPUTE_MAX_OPENED_LOOPS) throw new BaseError('VALIDATION_FAILED', `The samples fall in ${loops.length} loops; a worker opens at most ${COMPUTE_MAX_OPENED_LOOPS}`);
    const tiles = await this.kernel.loopTiles(this.spec, loops);
    const { tilesPerLoop } = computeLeafCount(this.spec);
    if (tiles.length !== loops.length || !tiles.every((t) => t.length === tilesPerLoop && t.every((d) => d.length === 32))) {
      throw new BaseError('INTERNAL', `The compute kernel did not give ${tilesPerLoop} tile digests for each of ${loops.length} loops`);
    }
    return openComputeLoops(tree, loops.map((loop, i) => ({ loop, tiles: tiles[i]! })));
  }
}
