import { BaseError, parseOrThrow } from '@tensorgrid/protocol';
import { createCostModel, type CostModel } from '../cost/cost-model';
import { breakdown, type PartitionState } from '../cost/partition-state';
import { createRng } from '../search/rng';
import { searchPartition } from '../search/search-partition';
import { topologySchema, type Topology } from '../topology';
import { buildPipelines } from './build-pipelines';
import { degreeOptions } from './degree-options';

/** Options of {@link planPlacement}. */
export interface PlanOptions {
  /** Seed of the search. @default 1 */
  seed?: number;
  /** Most cost evaluations, over all degree choices. @default 5000 */
  budget?: number;
  /** Wall-clock limit, ms; the plan is deterministic only while the evaluation budget binds first. @default 30000 */
  timeLimitMs?: number;
  /** Clock, ms. @default Date.now */
  now?: () => number;
}

/** A placement of training on the devices. */
export interface Plan {
  /** Data-parallel groups; group k holds stage `stageOrder[k]`. */
  groups: number[][];
  stageOrder: number[];
  /** D_DP pipelines, each the device of every stage in stage order. */
  pipelines: number[][];
  /** device id → rank, rank = pipeline · D_PP + stage (DT-FM's layout). */
  rankOf: number[];
  dPP: number;
  dDP: number;
  /** Estimated seconds per iteration: data-parallel + pipeline + compute terms (compute: Σ over stages of the slowest device). */
  costS: number;
  dpCostS: number;
  ppCostS: number;
  computeCostS: number;
  evaluations: number;
  /** Every degree choice considered, with its best cost or why it was ruled out. */
  considered: { dPP: number; dDP: number; costS?: number; why?: string }[];
}

/**
 * Places a model's pipeline stages and data-parallel groups on devices so as to minimise
 * DT-FM's communication cost (plus a compute term on uneven devices), choosing the degrees
 * when the topology leaves them open.
 * @param input - the topology (validated here)
 * @param options - seed, evaluation budget and time limit
 * @throws {BaseError} VALIDATION_FAILED for a malformed topology or when no degrees fit
 */
export function planPlacement(input: unknown, options: PlanOptions = {}): Plan {
  const topology = parseOrThrow(topologySchema, input, 'topology');
  const budget = options.budget ?? 5000;
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeLimitMs ?? 30_000);
  const rng = createRng(options.seed ?? 1);
  const choices = degreeOptions(topology);
  const feasible = choices.filter((c) => c.kind === 'feasible');
  if (feasible.length === 0) {
    throw new BaseError('VALIDATION_FAILED', 'No pipeline/data-parallel degrees fit these devices', { data: { considered: choices } });
  }

  const perChoice = Math.max(3, Math.floor(budget / feasible.length));
  let best: { model: CostModel; state: PartitionState } | undefined;
  let evaluations = 0;
  const considered: Plan['considered'] = [];
  for (const choice of choices) {
    if (choice.kind === 'ruled-out') {
      considered.push({ dPP: choice.dPP, dDP: choice.dDP, why: choice.why });
      continue;
    }
    const model = createCostModel({ delayMs: topology.delay_ms, bandwidthGbps: topology.bandwidth_gbps, dPP: choice.dPP, dDP: choice.dDP, cDpGb: choice.cDpGb, cPpGb: choice.cPpGb, ...computeOf(topology) });
    const result = searchPartition(model, rng, { budget: perChoice, timeUp: () => now() > deadline });
    evaluations += result.evaluations;
    considered.push({ dPP: choice.dPP, dDP: choice.dDP, costS: result.best.total });
    if (!best || result.best.total < best.state.total) best = { model, state: result.best };
  }
  const { model, state } = best!;
  const order = state.path.order;
  const pipelines = buildPipelines(model, { groups: state.groups, order });
  const rankOf = new Array<number>(model.n);
  pipelines.forEach((pipeline, p) => pipeline.forEach((device, s) => (rankOf[device] = p * model.dPP + s)));
  const cost = breakdown(state.dp, state.compute, state.path);
  return {
    groups: state.groups.map((g) => Array.from(g)),
    stageOrder: state.groups.map((_, g) => order.indexOf(g)),
    pipelines,
    rankOf,
    dPP: model.dPP,
    dDP: model.dDP,
    costS: cost.totalS,
    dpCostS: cost.dpS,
    ppCostS: cost.ppS,
    computeCostS: cost.computeS,
    evaluations,
    considered,
  };
}

function computeOf(topology: Topology) {
  const tflop = topology.model?.tflop_per_iteration;
  if (tflop === undefined || !topology.device_tflops) return {};
  return { compute: { tflopPerDevice: tflop / topology.delay_ms.length, deviceTflops: topology.device_tflops } };
}
