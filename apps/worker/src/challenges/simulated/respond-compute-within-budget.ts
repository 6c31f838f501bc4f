import { buildComputeTree, computeLoopDigests, merkleRootHex, validateComputeSpec, type ComputeCommitment, type MerkleTree } from '@tensorgrid/domain';

/** What {@link respondComputeWithinBudget} did. */
export interface BudgetedComputeResult {
  commitment: ComputeCommitment;
  /** Keep it to answer openings (`openComputeTiles(tree, samples)`). */
  tree: MerkleTree;
  loopsComputed: number;
  loopsFaked: number;
}

/**
 * Adversary for the fleet simulator and the bench: a device that claims more FLOP/s than it
 * has (e.g. claims two cores, runs on one). It does real work, loop by loop, until its
 * budget would run out, then commits fake digests (zeros) for the remaining loops so the
 * root still arrives in time: the optimal play (a late root fails for sure; a faked fraction
 * g fails with probability 1 - (1-g)^k). An honest device is this with an unlimited budget.
 * @param spec - the challenge
 * @param options - startedAt (default now), budgetMs (default 95 % of the deadline), clock
 */
export function respondComputeWithinBudget(spec: unknown, options: { startedAt?: number; budgetMs?: number; now?: () => number } = {}): BudgetedComputeResult {
  const s = validateComputeSpec(spec);
  const now = options.now ?? (() => performance.now());
  const startedAt = options.startedAt ?? now();
  const stopAt = startedAt + (options.budgetMs ?? s.deadlineMs * 0.95);
  const leaves: Uint8Array[] = [];
  const tilesPerLoop = (s.n / s.tile) ** 2;
  let computed = 0;
  let lastLoopMs = 0;
  for (let loop = 0; loop < s.loops; loop++) {
    const t = now();
    if (t + lastLoopMs > stopAt) {
      for (let i = 0; i < tilesPerLoop; i++) leaves.push(new Uint8Array(32));
      continue;
    }
    leaves.push(...computeLoopDigests(s, loop));
    lastLoopMs = now() - t;
    computed++;
  }
  const tree = buildComputeTree(s, leaves);
  return { commitment: { root: merkleRootHex(tree), deviceElapsedMs: now() - startedAt }, tree, loopsComputed: computed, loopsFaked: s.loops - computed };
}
