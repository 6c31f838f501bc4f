import { describe, expect, it } from 'vitest';
import { createRng } from '../search/rng';
import { createTspSolver, EXACT_TSP_LIMIT } from './open-loop-tsp';

function randomWeights(m: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const w = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) w[i * m + j] = w[j * m + i] = rng.next();
  return w;
}

function bruteForce(w: Float64Array, m: number): number {
  let best = Infinity;
  const visit = (path: number[], used: number, cost: number) => {
    if (cost >= best) return;
    if (path.length === m) return void (best = cost);
    for (let next = 0; next < m; next++) {
      if (used & (1 << next)) continue;
      visit([...path, next], used | (1 << next), path.length ? cost + w[path[path.length - 1]! * m + next]! : 0);
    }
  };
  visit([], 0, 0);
  return best;
}

const pathCost = (w: Float64Array, m: number, order: number[]) => order.slice(1).reduce((s, g, i) => s + w[order[i]! * m + g]!, 0);

describe('open-loop TSP', () => {
  it('is exact up to the limit: equals brute force, and its order visits every group once at that cost', () => {
    for (const m of [2, 3, 5, 8]) {
      for (let seed = 1; seed <= 10; seed++) {
        const w = randomWeights(m, seed * 31 + m);
        const { cost, order } = createTspSolver(m)(w);
        expect(cost).toBeCloseTo(bruteForce(w, m), 12);
        expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: m }, (_, i) => i));
        expect(pathCost(w, m, order)).toBeCloseTo(cost, 12);
      }
    }
  });

  it('above the limit, returns a valid path whose cost is what it reports', () => {
    const m = EXACT_TSP_LIMIT + 4;
    const w = randomWeights(m, 7);
    const { cost, order } = createTspSolver(m)(w);
    expect(new Set(order).size).toBe(m);
    expect(pathCost(w, m, order)).toBeCloseTo(cost, 12);
  });

  it('handles one group', () => {
    expect(createTspSolver(1)(new Float64Array(1))).toEqual({ cost: 0, order: [0] });
  });
});
