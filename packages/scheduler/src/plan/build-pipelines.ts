import { bottleneckMatching } from '../cost/bottleneck-matching';
import type { CostModel } from '../cost/cost-model';

/**
 * The pipelines of a partition: stage s is group `order[s]`; consecutive stages are joined
 * by their bottleneck matching, so every link a pipeline uses costs at most the edge weight
 * the score counted.
 * @param model - the cost model
 * @param layout - the groups and their stage order
 * @returns D_DP pipelines, each the device of every stage in stage order
 */
export function buildPipelines(model: CostModel, layout: { groups: readonly ArrayLike<number>[]; order: readonly number[] }): number[][] {
  const { groups, order } = layout;
  const first = groups[order[0]!]!;
  const pipelines = Array.from({ length: first.length }, (_, i) => [first[i]!]);
  let position = pipelines.map((_, i) => i);
  for (let s = 1; s < order.length; s++) {
    const from = groups[order[s - 1]!]!;
    const to = groups[order[s]!]!;
    const { match } = bottleneckMatching(model, from, to);
    position = position.map((p) => match[p]!);
    pipelines.forEach((pipeline, i) => pipeline.push(to[position[i]!]!));
  }
  return pipelines;
}

/**
 * What a set of explicit pipelines really costs: the costliest data-parallel group, twice
 * the sum over stage boundaries of the slowest link any pipeline uses there, and the sum over
 * stages of the slowest device's compute. For our plans this equals the score; DT-FM's
 * pipelines can cost more.
 * @param model - the cost model
 * @param pipelines - D_DP pipelines of D_PP devices
 */
export function realizedCost(model: CostModel, pipelines: readonly (readonly number[])[]): number {
  const { n, dpLink, ppLink, computeS } = model;
  const stages = pipelines[0]?.length ?? 0;
  let dp = 0;
  let compute = 0;
  for (let s = 0; s < stages; s++) {
    const group = pipelines.map((p) => p[s]!);
    let slowest = 0;
    for (const d of group) {
      dp = Math.max(dp, group.reduce((sum, o) => (o === d ? sum : sum + dpLink[d * n + o]!), 0));
      if (computeS) slowest = Math.max(slowest, computeS[d]!);
    }
    compute += slowest;
  }
  let pp = 0;
  for (let s = 1; s < stages; s++) pp += Math.max(...pipelines.map((p) => ppLink[p[s - 1]! * n + p[s]!]!));
  return dp + 2 * pp + compute;
}
