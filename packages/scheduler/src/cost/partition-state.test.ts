import { describe, expect, it } from 'vitest';
import { dtfmScenarios } from '../scenarios/dtfm-scenarios';
import { createCostModel } from './cost-model';
import { groupDpCost } from './group-costs';
import { createTspSolver } from './open-loop-tsp';
import { applySwap, breakdown, costSwap, createPartitionState } from './partition-state';

const scenarios = Object.fromEntries(dtfmScenarios().map((s) => [s.id, s.topology]));
const modelOf = (id: string) => {
  const t = scenarios[id]!;
  return createCostModel({ delayMs: t.delay_ms, bandwidthGbps: t.bandwidth_gbps, dPP: 8, dDP: 8, cDpGb: t.c_dp_gb!, cPpGb: t.c_pp_gb! });
};
const solve = createTspSolver(8);
const range = (from: number, count: number, step = 1) => Array.from({ length: count }, (_, i) => from + i * step);
/** Pipelines of 8 consecutive devices; group j holds device j of every pipeline. */
const identity = range(0, 8).map((j) => range(j, 8, 8));
/** Groups of 8 consecutive devices. */
const chunks = range(0, 8).map((j) => range(8 * j, 8));
/** Case 2's optimum: 4 groups take one GPU of every 4-GPU instance, then the single GPUs. */
const case2Best = [...range(0, 4).map((k) => range(k, 8, 4)), ...range(0, 4).map((j) => range(32 + 8 * j, 8))];

const costOf = (id: string, groups: number[][]) => {
  const state = createPartitionState(modelOf(id), groups, solve);
  return breakdown(state.dp, state.compute, state.path);
};

describe('DT-FM cost model: the reference values of research/scheduler.md §9', () => {
  it.each([
    ['case-1', 'identity', identity, 2.912, 0.5278, 3.4398],
    ['case-1', 'DP groups inside a node', chunks, 0.091, 16.8896, 16.9806],
    ['case-2', 'one GPU of every instance, then singles (optimum)', case2Best, 7.28, 24.3542, 31.6342],
    ['case-2', 'identity', identity, 7.28, 42.2239, 49.5039],
    ['case-3', 'identity', identity, 5.5169, 10.57, 16.0868],
    ['case-3', 'DP groups inside one university', chunks, 1.834, 15.8141, 17.6481],
    ['case-4', 'identity', identity, 8.3421, 26.46, 34.802],
    ['case-4', 'DP groups inside a region', chunks, 4.62, 34.6206, 39.2406],
    ['case-5', 'identity', identity, 22.7584, 26.46, 49.2184],
    ['case-5', 'DP groups = cities', chunks, 4.62, 54.8169, 59.4369],
  ] as const)('%s, %s: DP %f + 2·PP %f = %f s', (...row) => {
    const [id, , groups, dp, pp, total] = row;
    const cost = costOf(id, groups as unknown as number[][]);
    expect(cost.dpS).toBeCloseTo(dp, 4);
    expect(cost.ppS).toBeCloseTo(pp, 4);
    expect(cost.totalS).toBeCloseTo(total, 4);
    expect(cost.computeS).toBe(0);
  });

  it("case 5's per-city data-parallel sums for the identity layout", () => {
    const model = modelOf('case-5');
    const sums = range(0, 8).map((city) => {
      const group = identity[0]!;
      const device = group[city]!;
      return group.filter((d) => d !== device).reduce((s, d) => s + model.dpLink[device * 64 + d]!, 0);
    });
    expect(sums.map((s) => Number(s.toFixed(2)))).toEqual([18.63, 12.77, 11.9, 20.05, 22.76, 16.68, 17.36, 15.61]);
    expect(groupDpCost(model, identity[0]!)).toBeCloseTo(22.7584, 4);
  });

  it("case 5's best city order for city groups is the note's", () => {
    const state = createPartitionState(modelOf('case-5'), chunks, solve);
    const cities = ['Oregon', 'Virginia', 'Ohio', 'Tokyo', 'Seoul', 'London', 'Frankfurt', 'Ireland'];
    const order = state.path.order.map((g) => cities[g]);
    const expected = ['Oregon', 'Virginia', 'London', 'Frankfurt', 'Ireland', 'Ohio', 'Tokyo', 'Seoul'];
    expect([expected, [...expected].reverse()]).toContainEqual(order);
  });
});

describe('incremental swaps', () => {
  it('cost a swap exactly as a full re-evaluation, and apply it', () => {
    const model = modelOf('case-5');
    const state = createPartitionState(model, identity, solve);
    for (const [x, y] of [[0, 9], [12, 63], [40, 1]] as const) {
      const swap = costSwap(model, state, { x, y, solveTsp: solve });
      applySwap(state, swap, solve);
      const fresh = createPartitionState(model, state.groups.map((g) => Array.from(g)), solve);
      expect(state.total).toBeCloseTo(fresh.total, 12);
      expect(Array.from(state.edges)).toEqual(Array.from(fresh.edges));
      expect(state.groupOf[x]).not.toBe(state.groupOf[y]);
    }
  });
});
