import type { CostModel } from '../cost/cost-model';
import { createTspSolver } from '../cost/open-loop-tsp';
import { applySwap, costSwap, createPartitionState, type PartitionState } from '../cost/partition-state';
import { groupsFirst, pipelinesFirst, randomGroups, type Groups } from './constructions';
import type { Rng } from './rng';

/** Limits of one search. */
export interface SearchLimits {
  /** Most cost evaluations (a full costing or a swap costing each count one). */
  budget: number;
  /** Returns true when the time budget is spent. */
  timeUp: () => boolean;
}

/** The best partition a search found. */
export interface SearchResult {
  best: PartitionState;
  evaluations: number;
}

const EPS = 1e-9;

function clone(state: PartitionState): PartitionState {
  return { ...state, groups: state.groups.map((g) => g.slice()), groupOf: state.groupOf.slice(), dp: state.dp.slice(), compute: state.compute.slice(), edges: state.edges.slice(), path: { cost: state.path.cost, order: [...state.path.order] } };
}

/**
 * The devices that bound the score now: the worst device of the costliest data-parallel
 * group, and the devices of the groups joined by the heaviest pipeline edge on the path.
 */
function bottleneckDevices(model: CostModel, state: PartitionState): number[] {
  const { n, dPP, dpLink } = model;
  let worstGroup = 0;
  for (let g = 1; g < dPP; g++) if (state.dp[g]! > state.dp[worstGroup]!) worstGroup = g;
  const members = state.groups[worstGroup]!;
  let worstDevice = members[0]!;
  let worstSum = -1;
  for (const d of members) {
    let sum = 0;
    for (const o of members) if (o !== d) sum += dpLink[d * n + o]!;
    if (sum > worstSum) [worstDevice, worstSum] = [d, sum];
  }
  const order = state.path.order;
  let heaviest = -1;
  let heaviestCost = -1;
  for (let s = 1; s < order.length; s++) {
    const cost = state.edges[order[s - 1]! * dPP + order[s]!]!;
    if (cost > heaviestCost) [heaviest, heaviestCost] = [s, cost];
  }
  const pipelineEnds = heaviest > 0 ? [...state.groups[order[heaviest - 1]!]!, ...state.groups[order[heaviest]!]!] : [];
  return [worstDevice, ...pipelineEnds];
}

/**
 * Our search: start from structure-aware constructions (pipelines first, groups first) and
 * a random partition, then an iterated local search over swaps of two devices between
 * groups. Swaps are drawn around the current bottlenecks (the worst device of the costliest
 * group, the groups of the heaviest pipeline edge) or at random; improving swaps are kept,
 * equal-cost ones sometimes (to cross plateaus), and after a stall the search restarts from
 * the best partition with a few random swaps. Each swap is costed incrementally from the two
 * groups it touches. Deterministic for a given seed while the evaluation budget binds.
 * @param model - the cost model
 * @param rng - the seeded randomness
 * @param limits - evaluation and time budgets
 */
export function searchPartition(model: CostModel, rng: Rng, limits: SearchLimits): SearchResult {
  const solveTsp = createTspSolver(model.dPP);
  let evaluations = 0;
  const spent = () => evaluations >= limits.budget || limits.timeUp();

  const starts: Groups[] = [pipelinesFirst(model, rng), groupsFirst(model, rng), randomGroups(model, rng)];
  let best: PartitionState | undefined;
  for (const groups of starts) {
    if (best && spent()) break;
    const state = createPartitionState(model, groups, solveTsp);
    evaluations++;
    if (!best || state.total < best.total - EPS) best = state;
  }
  if (!best) throw new Error('unreachable: at least one construction is costed');
  if (model.dPP < 2 || model.dDP < 1) return { best, evaluations };

  let current = clone(best);
  let stall = 0;
  const stallLimit = 2 * model.n;
  while (!spent()) {
    if (stall >= stallLimit) {
      current = clone(best);
      const kicks = 2 + rng.int(3);
      for (let k = 0; k < kicks && !spent(); k++) {
        const x = rng.int(model.n);
        const y = partnerOf(model, current, { x, rng });
        applySwap(current, costSwap(model, current, { x, y, solveTsp }), solveTsp);
        evaluations++;
      }
      stall = 0;
      continue;
    }
    const focus = rng.next() < 0.7 ? bottleneckDevices(model, current) : [];
    const x = focus.length ? focus[rng.int(focus.length)]! : rng.int(model.n);
    const y = partnerOf(model, current, { x, rng });
    const candidate = costSwap(model, current, { x, y, solveTsp });
    evaluations++;
    if (candidate.total < current.total - EPS) {
      applySwap(current, candidate, solveTsp);
      stall = 0;
      if (current.total < best.total - EPS) best = clone(current);
    } else {
      if (candidate.total <= current.total + EPS && rng.next() < 0.2) applySwap(current, candidate, solveTsp);
      stall++;
    }
  }
  return { best, evaluations };
}

/** A random device outside x's group. */
function partnerOf(model: CostModel, state: PartitionState, pick: { x: number; rng: Rng }): number {
  let y = pick.rng.int(model.n);
  while (state.groupOf[y] === state.groupOf[pick.x]) y = pick.rng.int(model.n);
  return y;
}
