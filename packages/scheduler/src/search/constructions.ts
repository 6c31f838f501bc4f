import type { CostModel } from '../cost/cost-model';
import { createTspSolver } from '../cost/open-loop-tsp';
import type { Rng } from './rng';

/** Groups of device ids, one per stage. */
export type Groups = number[][];

/**
 * Greedy balanced clustering: the next cluster starts at the unassigned device with the
 * densest neighbourhood (smallest sum of its `size - 1` cheapest links), then takes the
 * device with the cheapest mean link to the cluster until it is full.
 */
function cluster({ n, link }: { n: number; link: Float64Array }, size: number, rng: Rng): number[][] {
  // How close a device's `size - 1` nearest devices are: small = a dense neighbourhood.
  const density = Float64Array.from({ length: n }, (_, d) =>
    Array.from({ length: n }, (_, o) => (o === d ? Infinity : link[d * n + o]!))
      .sort((x, y) => x - y)
      .slice(0, size - 1)
      .reduce((s, v) => s + v, 0),
  );
  const free = new Set(rng.shuffle(Array.from({ length: n }, (_, i) => i)));
  const clusters: number[][] = [];
  while (free.size > 0) {
    // Start where devices are densest; grow by the cheapest mean link, and on a tie take the
    // device with the poorer neighbourhood, leaving dense devices to clusters of their own.
    let seed = -1;
    for (const d of free) if (seed === -1 || density[d]! < density[seed]! - 1e-12) seed = d;
    free.delete(seed);
    const members = [seed];
    while (members.length < size) {
      let pick = -1;
      let pickScore = Infinity;
      for (const d of free) {
        const score = members.reduce((s, m) => s + link[d * n + m]!, 0) / members.length;
        const tie = Math.abs(score - pickScore) <= 1e-12;
        if (score < pickScore - 1e-12 || (tie && density[d]! > density[pick]!)) [pick, pickScore] = [d, score];
      }
      free.delete(pick);
      members.push(pick);
    }
    clusters.push(members);
  }
  return clusters;
}

/**
 * Pipelines first: cluster devices into D_DP pipelines of D_PP close devices, order each as
 * the cheapest open path through it, and let group s take stage s of every pipeline. Paths
 * are oriented with their cheaper end first, so that stages line up across pipelines (in
 * DT-FM's case 2 this puts the 4-GPU instances' GPUs on the same stages). This is the shape
 * of the best layouts of all five DT-FM scenarios.
 * @param model - the cost model
 * @param rng - tie-breaking
 */
export function pipelinesFirst(model: CostModel, rng: Rng): Groups {
  const { n, dPP, ppLink } = model;
  const solve = createTspSolver(dPP);
  const paths = cluster({ n, link: ppLink }, dPP, rng).map((members) => {
    const w = new Float64Array(dPP * dPP);
    members.forEach((a, i) => members.forEach((b, j) => (w[i * dPP + j] = i === j ? 0 : ppLink[a * n + b]!)));
    const path = solve(w).order.map((i) => members[i]!);
    const link = (i: number, j: number) => ppLink[path[i]! * n + path[j]!]!;
    return dPP > 1 && link(dPP - 2, dPP - 1) < link(0, 1) ? path.reverse() : path;
  });
  return Array.from({ length: dPP }, (_, s) => paths.map((p) => p[s]!));
}

/**
 * Groups first: cluster devices into D_PP data-parallel groups of D_DP close devices (cheap
 * gradient sync); the pipeline order is left to the path search.
 * @param model - the cost model
 * @param rng - tie-breaking
 */
export function groupsFirst(model: CostModel, rng: Rng): Groups {
  return cluster({ n: model.n, link: model.dpLink }, model.dDP, rng);
}

/**
 * A uniformly random balanced partition.
 * @param model - the cost model
 * @param rng - the randomness
 */
export function randomGroups(model: CostModel, rng: Rng): Groups {
  const devices = rng.shuffle(Array.from({ length: model.n }, (_, i) => i));
  return Array.from({ length: model.dPP }, (_, g) => devices.slice(g * model.dDP, (g + 1) * model.dDP));
}
