import { describe, expect, it } from 'vitest';
import { createCostModel } from '../cost/cost-model';
import { createTspSolver } from '../cost/open-loop-tsp';
import { createPartitionState } from '../cost/partition-state';
import { dtfmScenarios } from '../scenarios/dtfm-scenarios';
import { irregularScenario } from '../scenarios/irregular-scenario';
import { createRng } from '../search/rng';
import type { Topology } from '../topology';
import { realizedCost } from './build-pipelines';
import { planPlacement, type Plan } from './plan-placement';

const scenarios = dtfmScenarios();
const modelOf = (t: Topology, plan: Plan) =>
  createCostModel({ delayMs: t.delay_ms, bandwidthGbps: t.bandwidth_gbps, dPP: plan.dPP, dDP: plan.dDP, cDpGb: t.c_dp_gb!, cPpGb: t.c_pp_gb! });

/** A uniform network of n devices. */
function uniform(n: number, extra: Partial<Topology> = {}): Topology {
  return { delay_ms: Array.from({ length: n }, () => new Array(n).fill(10)), bandwidth_gbps: Array.from({ length: n }, () => new Array(n).fill(1)), ...extra } as Topology;
}

/** A random network of n devices. */
function randomNetwork(n: number, seed: number): Topology {
  const rng = createRng(seed);
  const delay = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const bw = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      delay[i]![j] = delay[j]![i] = 1 + rng.int(100);
      bw[i]![j] = bw[j]![i] = 0.2 + rng.next() * 2;
    }
  }
  return { delay_ms: delay, bandwidth_gbps: bw, D_PP: 3, D_DP: 4, c_dp_gb: 0.65, c_pp_gb: 0.47 };
}

/** Every balanced partition of 12 devices into 3 groups of 4: the true optimum. */
function exhaustiveOptimum(t: Topology): number {
  const model = createCostModel({ delayMs: t.delay_ms, bandwidthGbps: t.bandwidth_gbps, dPP: 3, dDP: 4, cDpGb: 0.65, cPpGb: 0.47 });
  const solve = createTspSolver(3);
  const choose = (items: number[], k: number): number[][] => (k === 0 ? [[]] : items.flatMap((x, i) => choose(items.slice(i + 1), k - 1).map((c) => [x, ...c])));
  let best = Infinity;
  const all = Array.from({ length: 12 }, (_, i) => i);
  for (const first of choose(all.slice(1), 3).map((c) => [0, ...c])) {
    const rest = all.filter((d) => !first.includes(d));
    for (const second of choose(rest.slice(1), 3).map((c) => [rest[0]!, ...c])) {
      const third = rest.filter((d) => !second.includes(d));
      best = Math.min(best, createPartitionState(model, [first, second, third], solve).total);
    }
  }
  return best;
}

describe('planPlacement on DT-FM scenarios', () => {
  it.each([1, 2, 3])('finds the optimum of case 1 (3.4398 s) and case 2 (31.6342 s) within 500 evaluations, seed %i', (seed) => {
    expect(planPlacement(scenarios[0]!.topology, { seed, budget: 500 }).costS).toBeCloseTo(3.4398, 4);
    expect(planPlacement(scenarios[1]!.topology, { seed, budget: 500 }).costS).toBeCloseTo(31.6342, 4);
  });

  it('outputs pipelines that cost exactly the reported score, a rank per device, and a consistent stage order', () => {
    for (const { topology } of [...scenarios, { topology: irregularScenario(1) }]) {
      const plan = planPlacement(topology, { seed: 3, budget: 400 });
      expect(realizedCost(modelOf(topology, plan), plan.pipelines)).toBeCloseTo(plan.costS, 9);
      expect(plan.costS).toBeCloseTo(plan.dpCostS + plan.ppCostS + plan.computeCostS, 9);
      expect([...plan.rankOf].sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i));
      expect([...plan.stageOrder].sort((a, b) => a - b)).toEqual(Array.from({ length: plan.dPP }, (_, i) => i));
      plan.pipelines.forEach((pipeline, p) =>
        pipeline.forEach((device, stage) => {
          expect(plan.rankOf[device]).toBe(p * plan.dPP + stage);
          expect(plan.stageOrder[plan.groups.findIndex((g) => g.includes(device))]).toBe(stage);
        }),
      );
    }
  });
});

describe('planPlacement search', () => {
  it('is deterministic for a seed, and uses no more evaluations than its budget', () => {
    const topology = irregularScenario(2);
    const a = planPlacement(topology, { seed: 7, budget: 300 });
    const b = planPlacement(topology, { seed: 7, budget: 300 });
    expect(b.groups).toEqual(a.groups);
    expect(b.costS).toBe(a.costS);
    expect(a.evaluations).toBeLessThanOrEqual(300);
    expect(a.evaluations).toBeGreaterThan(250);
  });

  it('improves on its constructions with more evaluations on an uneven network', () => {
    const topology = irregularScenario(3);
    const constructions = planPlacement(topology, { seed: 1, budget: 3 }).costS;
    const searched = planPlacement(topology, { seed: 1, budget: 3000 }).costS;
    expect(searched).toBeLessThan(constructions * 0.97);
  });

  it('reaches the exhaustive optimum of small random networks (12 devices, 3 × 4)', () => {
    for (let net = 1; net <= 4; net++) {
      const topology = randomNetwork(12, net);
      const optimum = exhaustiveOptimum(topology);
      const found = Math.min(...[1, 2, 3].map((seed) => planPlacement(topology, { seed, budget: 2000 }).costS));
      expect(found).toBeCloseTo(optimum, 9);
    }
  });
});

describe('planPlacement beyond DT-FM', () => {
  it('chooses the pipeline and data-parallel degrees among the factorisations the layers allow', () => {
    const topology = uniform(16, { model: { layers: 24, gradient_gb: 5.2, activation_gb: 3.77 } });
    const plan = planPlacement(topology, { seed: 1, budget: 2000 });
    expect(plan.considered.map((c) => c.dPP)).toEqual([1, 2, 4, 8, 16]);
    expect(plan.considered.find((c) => c.dPP === 16)?.why).toContain('24 layers');
    const feasible = plan.considered.filter((c) => c.costS !== undefined);
    expect(plan.costS).toBe(Math.min(...feasible.map((c) => c.costS!)));
    expect(plan.dPP * plan.dDP).toBe(16);
  });

  it('rules out degrees whose stage does not fit in the smallest device', () => {
    const topology = uniform(8, { model: { layers: 8, gradient_gb: 1, activation_gb: 1, memory_gb: 64 }, device_memory_gb: [24, 24, 24, 24, 24, 24, 24, 80] });
    const plan = planPlacement(topology, { seed: 1, budget: 500 });
    expect(plan.considered.filter((c) => c.why).map((c) => c.dPP)).toEqual([1, 2]);
    expect(plan.dPP).toBeGreaterThanOrEqual(4);
    expect(() => planPlacement({ ...topology, device_memory_gb: new Array(8).fill(4) }, { budget: 100 })).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('puts slow devices on the same stage when compute is modelled', () => {
    const tflops = [10, 10, 10, 10, 100, 100, 100, 100];
    const topology = uniform(8, { D_PP: 2, D_DP: 4, c_dp_gb: 0.1, c_pp_gb: 0.1, model: { layers: 2, gradient_gb: 0.2, activation_gb: 0.4, tflop_per_iteration: 80 }, device_tflops: tflops });
    const plan = planPlacement(topology, { seed: 1, budget: 500 });
    expect(plan.computeCostS).toBeCloseTo(1 + 0.1, 9);
    expect(plan.groups.map((g) => new Set(g.map((d) => tflops[d])).size)).toEqual([1, 1]);
  });

  it('averages asymmetric measurements', () => {
    const t = randomNetwork(12, 9);
    const skewed = { ...t, delay_ms: t.delay_ms.map((row, i) => row.map((v, j) => (i < j ? v * 1.5 : v * 0.5))) };
    expect(planPlacement(skewed, { seed: 1, budget: 200 }).costS).toBeCloseTo(planPlacement(t, { seed: 1, budget: 200 }).costS, 9);
  });

  it('refuses a malformed topology, naming the problem', () => {
    expect(() => planPlacement({ ...uniform(4), D_PP: 2, D_DP: 3, c_dp_gb: 1, c_pp_gb: 1 })).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringContaining('must equal the device count 4') }));
    expect(() => planPlacement({ delay_ms: [[0, 1]], bandwidth_gbps: [[1]], D_PP: 1, D_DP: 1, c_dp_gb: 1, c_pp_gb: 1 })).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => planPlacement({ ...uniform(2) })).toThrowError(expect.objectContaining({ message: expect.stringContaining('model') }));
  });
});
