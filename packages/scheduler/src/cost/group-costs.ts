import type { CostModel } from './cost-model';

/**
 * DT-FM's data-parallel cost of one group: the device with the largest sum of links to its
 * peers bounds the group (Eq. 2).
 * @param model - the cost model
 * @param members - the group's devices
 */
export function groupDpCost(model: CostModel, members: ArrayLike<number>): number {
  const { n, dpLink } = model;
  let worst = 0;
  for (let a = 0; a < members.length; a++) {
    const row = members[a]! * n;
    let sum = 0;
    for (let b = 0; b < members.length; b++) if (a !== b) sum += dpLink[row + members[b]!]!;
    if (sum > worst) worst = sum;
  }
  return worst;
}

/**
 * The compute time of a stage: its slowest device bounds it (0 when compute is not modelled).
 * @param model - the cost model
 * @param members - the stage's devices
 */
export function groupComputeCost(model: CostModel, members: ArrayLike<number>): number {
  const compute = model.computeS;
  if (!compute) return 0;
  let slowest = 0;
  for (let a = 0; a < members.length; a++) slowest = Math.max(slowest, compute[members[a]!]!);
  return slowest;
}
