import {
  buildComputeTree,
  merkleRootHex,
  openComputeTiles,
  validateComputeSpec,
  type ComputeChallengeSpec,
  type ComputeCommitment,
  type ComputeOpening,
  type ComputeSpecLimits,
  type MerkleTree,
} from '@tensorgrid/domain';

/** Where tile digests come from: every leaf of a challenge, in leaf order (compute threads, the GPU helper). */
export type ComputeDigester = (spec: ComputeChallengeSpec) => Promise<Uint8Array[]>;

/**
 * A digester that asks for one loop at a time (the GPU helper: a whole challenge's digests
 * would not fit one message).
 * @param digestLoop - one loop's tile digests
 */
export function loopByLoop(digestLoop: (spec: ComputeChallengeSpec, loop: number) => Promise<Uint8Array[]>): ComputeDigester {
  return async (spec) => {
    const leaves: Uint8Array[] = [];
    for (let loop = 0; loop < spec.loops; loop++) leaves.push(...(await digestLoop(spec, loop)));
    return leaves;
  };
}

/**
 * The honest worker side of a compute challenge: `run()` does every loop (C = A·B, tile
 * digests), builds the Merkle tree and returns the commitment; `open(samples)` answers the
 * coordinator's spot check from the kept tree.
 *
 * Without a digester the TypeScript kernel runs on the calling thread; a CPU worker passes
 * its compute threads (`startComputeThreadPool`, one per core it offers) and a GPU worker
 * the CUDA helper.
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
   * @param digester - defaults to the TS kernel on this thread
   */
  async run(digester?: ComputeDigester): Promise<ComputeCommitment> {
    const started = performance.now();
    this.tree = buildComputeTree(this.spec, digester ? await digester(this.spec) : undefined);
    return { root: merkleRootHex(this.tree), deviceElapsedMs: performance.now() - started };
  }

  /** Same as {@link run} with the TS kernel, synchronously (benches). */
  runSync(): ComputeCommitment {
    const started = performance.now();
    this.tree = buildComputeTree(this.spec);
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
