import {
  buildComputeTree,
  computeLoopDigests,
  merkleRootHex,
  openComputeTiles,
  validateComputeSpec,
  type ComputeChallengeSpec,
  type ComputeCommitment,
  type ComputeOpening,
  type ComputeSpecLimits,
  type MerkleTree,
} from '@tensorgrid/domain';

/** Where tile digests come from: the TS kernel in process, or the GPU helper. */
export type LoopDigester = (spec: ComputeChallengeSpec, loop: number) => Uint8Array[] | Promise<Uint8Array[]>;

/**
 * The honest worker side of a compute challenge: `run()` does every loop (C = A·B, tile
 * digests), builds the Merkle tree and returns the commitment; `open(samples)` answers the
 * coordinator's spot check from the kept tree.
 *
 * One thread runs the TypeScript kernel; a CPU device's claim is per core, so a multi-core
 * claim needs a digester that spreads loops over threads (TODO: worker_threads) or the GPU
 * helper (`createGpuHelper().digestLoops`).
 */
export class ComputeResponder {
  readonly spec: ComputeChallengeSpec;
  private tree: MerkleTree | undefined;

  /**
   * @param spec - the challenge (untrusted; validated with `limits`)
   * @param limits - the worker's ceiling
   */
  constructor(spec: unknown, limits?: ComputeSpecLimits) {
    this.spec = validateComputeSpec(spec, limits);
  }

  /**
   * Does the work and commits to it.
   * @param digester - defaults to the in-process TS kernel
   */
  async run(digester?: LoopDigester): Promise<ComputeCommitment> {
    const started = performance.now();
    if (!digester) {
      this.tree = buildComputeTree(this.spec);
    } else {
      const leaves: Uint8Array[] = [];
      for (let loop = 0; loop < this.spec.loops; loop++) leaves.push(...(await digester(this.spec, loop)));
      this.tree = buildComputeTree(this.spec, leaves);
    }
    return { root: merkleRootHex(this.tree), deviceElapsedMs: performance.now() - started };
  }

  /** Same as {@link run} with the TS kernel, synchronously (benches). */
  runSync(): ComputeCommitment {
    const started = performance.now();
    const leaves: Uint8Array[] = [];
    for (let loop = 0; loop < this.spec.loops; loop++) leaves.push(...computeLoopDigests(this.spec, loop));
    this.tree = buildComputeTree(this.spec, leaves);
    return { root: merkleRootHex(this.tree), deviceElapsedMs: performance.now() - started };
  }

  /**
   * Opens the sampled tiles. Throws if `run` has not finished.
   * @param samples - leaf indices from the coordinator
   */
  open(samples: readonly number[]): ComputeOpening[] {
    if (!this.tree) throw new Error('ComputeResponder.open before run');
    return openComputeTiles(this.tree, samples.filter((i) => Number.isSafeInteger(i) && i >= 0 && i < this.tree!.leafCount));
  }
}
