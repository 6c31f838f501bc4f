/**
 * @module @tensorgrid/scheduler
 * Placement of training over slow, uneven networks: DT-FM's cost model (data-parallel groups
 * with a sharded parameter server, pipelines as bottleneck matchings ordered by an open-loop
 * TSP) and our search over it. Pure: no I/O.
 */
export { topologySchema, modelSpecSchema, type Topology, type ModelSpec } from './topology';
export { planPlacement, type Plan, type PlanOptions } from './plan/plan-placement';
export { realizedCost, buildPipelines } from './plan/build-pipelines';
export { degreeOptions, type DegreeOption } from './plan/degree-options';
export { createCostModel, type CostModel, type CostModelInput } from './cost/cost-model';
export { createPartitionState, breakdown, type PartitionState, type CostBreakdown } from './cost/partition-state';
export { createTspSolver } from './cost/open-loop-tsp';
export { dtfmScenarios, DTFM_C_DP_GB, DTFM_C_PP_GB, type Scenario } from './scenarios/dtfm-scenarios';
export { topologyFromProbes, type LinkProbe } from './measured-topology';
export { irregularScenario } from './scenarios/irregular-scenario';
export { formatTopology } from './scenarios/format-topology';
