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

/** Loops per request to the GPU helper: a few MB of hex each way, and few round trips. */
export const LOOPS_PER_BATCH = 64;

/**
 * A digester that asks for a batch of loops at a time (the GPU helper: a whole challenge's
 * digests would not fit one message, and one loop per message would cost a round trip per
 * millisecond of GPU work).
 * @param digestLoops - the tile digests of some loops, in leaf order
 * @param perBatch - loops per request @default LOOPS_PER_BATCH (a helper over several cards: that many per card)
 */
export function inLoopBatches(digestLoops: (spec: ComputeChallengeSpec, loops: readonly number[]) => Promise<Uint8Array[]>, perBatch = LOOPS_PER_BATCH): ComputeDigester {
  return async (spec) => {
    const leaves: Uint8Array[] = [];
    for (let first = 0; first < spec.loops; first += perBatch) {
      const loops = Array.from({ length: Math.min(perBatch, spec.loops - first) }, (_, i) => first + i);
      for (const leaf of await digestLoops(spec, loops)) leaves.push(leaf);
    }
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
