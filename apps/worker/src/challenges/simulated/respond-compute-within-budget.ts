import {
  buildComputeTree,
  computeLeafCount,
  computeLoopDigests,
  computeLoopLeaf,
  merkleRootHex,
  openComputeLoops,
  referenceLoopLeaf,
  sampledLoops,
  validateComputeSpec,
  type ComputeCommitment,
  type ComputeOpening,
} from '@tensorgrid/domain';

/** What {@link respondComputeWithinBudget} did. */
export interface BudgetedComputeResult {
  commitment: ComputeCommitment;
  /** Its openings for the coordinator's samples: computed loops recomputed, faked ones with the zero tiles it committed. */
  open(samples: readonly number[]): ComputeOpening[];
  loopsComputed: number;
  loopsFaked: number;
}

/**
 * Adversary for the fleet simulator and the bench: a device that claims more FLOP/s than it
 * has (e.g. claims two cores, runs on one). It does real work, loop by loop, until its
 * budget would run out, then commits the leaf of all-zero tile digests for the remaining
 * loops so the root still arrives in time: the optimal play (a late root fails for sure; a
 * faked fraction g fails with probability 1 - (1-g)^k). An honest device is this with an
 * unlimited budget.
 * @param spec - the challenge
 * @param options - startedAt (default now), budgetMs (default 95 % of the deadline), clock
 */
export function respondComputeWithinBudget(spec: unknown, options: { startedAt?: number; budgetMs?: number; now?: () => number } = {}): BudgetedComputeResult {
  const s = validateComputeSpec(spec);
  const now = options.now ?? (() => performance.now());
  const startedAt = options.startedAt ?? now();
  const stopAt = startedAt + (options.budgetMs ?? s.deadlineMs * 0.95);
  const zeroTiles = Array.from({ length: computeLeafCount(s).tilesPerLoop }, () => new Uint8Array(32));
  const faked = new Set<number>();
  const leaves: Uint8Array[] = [];
  let lastLoopMs = 0;
  for (let loop = 0; loop < s.loops; loop++) {
    const t = now();
    if (t + lastLoopMs > stopAt) {
      faked.add(loop);
      leaves.push(computeLoopLeaf(zeroTiles));
      continue;
    }
    leaves.push(referenceLoopLeaf(s, loop));
    lastLoopMs = now() - t;
  }
  const tree = buildComputeTree(s, leaves);
  return {
    commitment: { root: merkleRootHex(tree), deviceElapsedMs: now() - startedAt },
    open: (samples) => openComputeLoops(tree, sampledLoops(s, samples).map((loop) => ({ loop, tiles: faked.has(loop) ? zeroTiles : computeLoopDigests(s, loop) }))),
    loopsComputed: s.loops - faked.size,
    loopsFaked: faked.size,
  };
}
