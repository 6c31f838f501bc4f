/** The best open path through all groups. */
export interface TspPath {
  cost: number;
  /** Group indices in path order: `order[s]` holds stage s. */
  order: number[];
}

/** Largest group count solved exactly (Held–Karp, m²·2^m steps); above it a heuristic runs. */
export const EXACT_TSP_LIMIT = 12;

/**
 * An open-loop travelling-salesman solver for m groups (Eq. 4: the pipeline visits every
 * stage group once, starting and ending anywhere). Exact Held–Karp up to
 * {@link EXACT_TSP_LIMIT} groups; above that, nearest-neighbour paths from every start
 * improved by 2-opt. Buffers are allocated once per solver, so the search can call it often.
 * @param m - number of groups
 * @returns a function from an m×m symmetric weight matrix to the best path
 */
export function createTspSolver(m: number): (weights: Float64Array) => TspPath {
  if (m <= 1) return () => ({ cost: 0, order: m === 1 ? [0] : [] });
  if (m > EXACT_TSP_LIMIT) return (weights) => heuristicPath(weights, m);
  const full = (1 << m) - 1;
  const dp = new Float64Array((full + 1) * m);
  const parent = new Int8Array((full + 1) * m);
  return (weights) => {
    dp.fill(Infinity);
    for (let i = 0; i < m; i++) dp[(1 << i) * m + i] = 0;
    for (let mask = 1; mask <= full; mask++) {
      for (let last = 0; last < m; last++) {
        const here = dp[mask * m + last]!;
        if (here === Infinity || !(mask & (1 << last))) continue;
        for (let next = 0; next < m; next++) {
          if (mask & (1 << next)) continue;
          const to = (mask | (1 << next)) * m + next;
          const cost = here + weights[last * m + next]!;
          if (cost < dp[to]!) {
            dp[to] = cost;
            parent[to] = last;
          }
        }
      }
    }
    let end = 0;
    for (let last = 1; last < m; last++) if (dp[full * m + last]! < dp[full * m + end]!) end = last;
    const cost = dp[full * m + end]!;
    const order: number[] = [];
    for (let mask = full, node = end; order.length < m; ) {
      order.push(node);
      const prev = parent[mask * m + node]!;
      mask &= ~(1 << node);
      node = prev;
    }
    return { cost, order: order.reverse() };
  };
}

function pathCost(weights: Float64Array, m: number, order: number[]): number {
  let cost = 0;
  for (let s = 1; s < order.length; s++) cost += weights[order[s - 1]! * m + order[s]!]!;
  return cost;
}

function heuristicPath(weights: Float64Array, m: number): TspPath {
  let best: TspPath = { cost: Infinity, order: [] };
  for (let start = 0; start < m; start++) {
    const order = [start];
    const used = new Uint8Array(m);
    used[start] = 1;
    while (order.length < m) {
      const last = order[order.length - 1]!;
      let next = -1;
      for (let j = 0; j < m; j++) if (!used[j] && (next === -1 || weights[last * m + j]! < weights[last * m + next]!)) next = j;
      order.push(next);
      used[next] = 1;
    }
    twoOpt(weights, m, order);
    const cost = pathCost(weights, m, order);
    if (cost < best.cost) best = { cost, order };
  }
  return best;
}

/** Reverses segments of an open path while that shortens it. */
function twoOpt(weights: Float64Array, m: number, order: number[]): void {
  const w = (a: number, b: number) => weights[order[a]! * m + order[b]!]!;
  for (let improved = true; improved; ) {
    improved = false;
    for (let i = 0; i < m - 1; i++) {
      for (let j = i + 1; j < m; j++) {
        // reversing order[i..j] changes the edges (i-1,i) and (j,j+1)
        const before = (i > 0 ? w(i - 1, i) : 0) + (j < m - 1 ? w(j, j + 1) : 0);
        const after = (i > 0 ? w(i - 1, j) : 0) + (j < m - 1 ? w(i, j + 1) : 0);
        if (after < before - 1e-12) {
          order.splice(i, j - i + 1, ...order.slice(i, j + 1).reverse());
          improved = true;
        }
      }
    }
  }
}
