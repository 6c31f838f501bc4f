import { bottleneckValue } from './bottleneck-matching';
import type { CostModel } from './cost-model';
import { groupComputeCost, groupDpCost } from './group-costs';
import type { TspPath } from './open-loop-tsp';

/**
 * A partition of the devices into D_PP groups of D_DP, with every part of its cost cached so
 * that a swap of two devices is re-costed from the two groups it touches.
 * Score = max_j DP(C_j) + 2·OpenLoopTSP(bottleneck edges) + Σ_j compute(C_j).
 * The compute term is modelled like DT-FM's pipeline term, as one macro-batch's trip through
 * every stage, each stage as slow as its slowest device (a max over stages would be constant:
 * the slowest device overall, whatever the placement).
 */
export interface PartitionState {
  groups: Int32Array[];
  /** device → its group */
  groupOf: Int32Array;
  /** per group: data-parallel cost, s */
  dp: Float64Array;
  /** per group: compute time of its stage (its slowest device), s */
  compute: Float64Array;
  /** D_PP×D_PP bottleneck edge weights, s */
  edges: Float64Array;
  path: TspPath;
  total: number;
}

/** A candidate swap, costed but not applied. */
export interface SwapCandidate {
  x: number;
  y: number;
  total: number;
  dp: Float64Array;
  compute: Float64Array;
  edges: Float64Array;
  path: TspPath;
  /**
   * True when no term got cheaper, so the score cannot have dropped and the path was not
   * re-solved: `total` is then a bound (≥ the current score), and applying the swap re-solves.
   */
  bounded: boolean;
}

/** The three parts of a score. */
export interface CostBreakdown {
  dpS: number;
  ppS: number;
  computeS: number;
  totalS: number;
}

const maxOf = (values: Float64Array) => values.reduce((a, b) => (b > a ? b : a), 0);
const sumOf = (values: Float64Array) => values.reduce((a, b) => a + b, 0);

/**
 * The score's parts for cached group costs and a pipeline path.
 * @param dp - per-group data-parallel costs
 * @param compute - per-group compute times
 * @param path - the best open path over the bottleneck edges
 */
export function breakdown(dp: Float64Array, compute: Float64Array, path: TspPath): CostBreakdown {
  const dpS = maxOf(dp);
  const ppS = 2 * path.cost;
  const computeS = sumOf(compute);
  return { dpS, ppS, computeS, totalS: dpS + ppS + computeS };
}

/**
 * Costs a partition from scratch.
 * @param model - the cost model
 * @param groups - D_PP groups of D_DP device ids
 * @param solveTsp - an open-loop TSP solver for D_PP groups
 */
export function createPartitionState(model: CostModel, groups: readonly ArrayLike<number>[], solveTsp: (w: Float64Array) => TspPath): PartitionState {
  const m = model.dPP;
  const own = groups.map((g) => Int32Array.from(g as ArrayLike<number>));
  const groupOf = new Int32Array(model.n).fill(-1);
  own.forEach((g, gi) => g.forEach((d) => (groupOf[d] = gi)));
  const dp = Float64Array.from(own, (g) => groupDpCost(model, g));
  const compute = Float64Array.from(own, (g) => groupComputeCost(model, g));
  const edges = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const v = bottleneckValue(model, own[a]!, own[b]!);
      edges[a * m + b] = v;
      edges[b * m + a] = v;
    }
  }
  const path = solveTsp(edges);
  return { groups: own, groupOf, dp, compute, edges, path, total: breakdown(dp, compute, path).totalS };
}

/**
 * Costs swapping devices x and y (in different groups) without changing the state: only
 * the two groups' costs and their edges are recomputed, then the path.
 * @param model - the cost model
 * @param state - the current partition
 * @param swap - the two devices and the TSP solver
 */
export function costSwap(model: CostModel, state: PartitionState, swap: { x: number; y: number; solveTsp: (w: Float64Array) => TspPath }): SwapCandidate {
  const { x, y } = swap;
  const m = model.dPP;
  const gx = state.groupOf[x]!;
  const gy = state.groupOf[y]!;
  const nx = state.groups[gx]!.map((d) => (d === x ? y : d));
  const ny = state.groups[gy]!.map((d) => (d === y ? x : d));
  const dp = state.dp.slice();
  const compute = state.compute.slice();
  const edges = state.edges.slice();
  dp[gx] = groupDpCost(model, nx);
  dp[gy] = groupDpCost(model, ny);
  compute[gx] = groupComputeCost(model, nx);
  compute[gy] = groupComputeCost(model, ny);
  const membersOf = (g: number) => (g === gx ? nx : g === gy ? ny : state.groups[g]!);
  for (const g of [gx, gy]) {
    for (let other = 0; other < m; other++) {
      if (other === g || (g === gy && other === gx)) continue;
      const v = bottleneckValue(model, membersOf(g), membersOf(other));
      edges[g * m + other] = v;
      edges[other * m + g] = v;
    }
  }
  // If no term got cheaper, the score cannot drop: keep the old path's cost under the new
  // edges, an upper bound that is exact whenever it is not worse (then the swap is refused).
  if (!anyCheaper(state, { dp, compute, edges })) {
    const path = { cost: pathCostOf(edges, m, state.path.order), order: state.path.order };
    return { x, y, total: Math.max(state.total, breakdown(dp, compute, path).totalS), dp, compute, edges, path, bounded: true };
  }
  const path = swap.solveTsp(edges);
  return { x, y, total: breakdown(dp, compute, path).totalS, dp, compute, edges, path, bounded: false };
}

/**
 * Applies a costed swap to the state.
 * @param state - the partition to change
 * @param swap - a candidate from {@link costSwap} on this very state
 * @param solveTsp - re-solves the path of a bounded candidate
 */
export function applySwap(state: PartitionState, swap: SwapCandidate, solveTsp: (w: Float64Array) => TspPath): void {
  const gx = state.groupOf[swap.x]!;
  const gy = state.groupOf[swap.y]!;
  const gxMembers = state.groups[gx]!;
  const gyMembers = state.groups[gy]!;
  gxMembers[gxMembers.indexOf(swap.x)] = swap.y;
  gyMembers[gyMembers.indexOf(swap.y)] = swap.x;
  state.groupOf[swap.x] = gy;
  state.groupOf[swap.y] = gx;
  state.dp = swap.dp;
  state.compute = swap.compute;
  state.edges = swap.edges;
  state.path = swap.bounded ? solveTsp(swap.edges) : swap.path;
  state.total = swap.bounded ? breakdown(swap.dp, swap.compute, state.path).totalS : swap.total;
}

function anyCheaper(state: PartitionState, next: { dp: Float64Array; compute: Float64Array; edges: Float64Array }): boolean {
  const lower = (now: Float64Array, then: Float64Array) => now.some((v, i) => v < then[i]!);
  return lower(next.edges, state.edges) || maxOf(next.dp) < maxOf(state.dp) || sumOf(next.compute) < sumOf(state.compute);
}

function pathCostOf(edges: Float64Array, m: number, order: readonly number[]): number {
  let cost = 0;
  for (let s = 1; s < order.length; s++) cost += edges[order[s - 1]! * m + order[s]!]!;
  return cost;
}
