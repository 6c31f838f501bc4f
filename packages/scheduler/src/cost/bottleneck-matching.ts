import type { CostModel } from './cost-model';

/** A bottleneck perfect matching between two groups. */
export interface BottleneckMatching {
  /** The smallest possible largest pipeline link of a perfect matching, s. */
  value: number;
  /** `match[i]` is the index in `b` matched to `a[i]`; every matched link costs at most `value`. */
  match: Int32Array;
}

// Scratch space, reused across calls: the search costs millions of group pairs.
let size = 0;
let weights = new Float64Array(0);
let sorted = new Float64Array(0);
let colOwner = new Int32Array(0);
let seen = new Uint8Array(0);

function ensureScratch(k: number): void {
  if (k === size) return;
  size = k;
  weights = new Float64Array(k * k);
  sorted = new Float64Array(k * k);
  colOwner = new Int32Array(k);
  seen = new Uint8Array(k);
}

/**
 * The weight of the coarsened graph's edge between two groups (Eq. 3): over all perfect
 * matchings of their devices, the smallest possible largest pipeline link. Exact: the
 * smallest threshold at which a perfect matching exists, found by binary search over the
 * link values (starting from the row/column lower bound) with augmenting paths.
 * @param model - the cost model
 * @param a - devices of one group
 * @param b - devices of the other group, same size
 */
export function bottleneckValue(model: CostModel, a: ArrayLike<number>, b: ArrayLike<number>): number {
  const k = a.length;
  const { n, ppLink } = model;
  ensureScratch(k);
  let lower = 0;
  for (let i = 0; i < k; i++) {
    let rowMin = Infinity;
    const row = a[i]! * n;
    for (let j = 0; j < k; j++) {
      const v = ppLink[row + b[j]!]!;
      weights[i * k + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > lower) lower = rowMin;
  }
  for (let j = 0; j < k; j++) {
    let colMin = Infinity;
    for (let i = 0; i < k; i++) if (weights[i * k + j]! < colMin) colMin = weights[i * k + j]!;
    if (colMin > lower) lower = colMin;
  }
  if (hasPerfectMatching(k, lower)) return lower;
  sorted.set(weights);
  sorted.sort();
  let lo = 0;
  while (sorted[lo]! <= lower) lo++;
  let hi = k * k - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hasPerfectMatching(k, sorted[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return sorted[lo]!;
}

/**
 * {@link bottleneckValue} with a matching that attains it. Every link it uses costs at most
 * the value, so a pipeline built from it costs exactly what the score says (DT-FM's code can
 * return a matching heavier than the bottleneck it reports).
 * @param model - the cost model
 * @param a - devices of one group
 * @param b - devices of the other group, same size
 */
export function bottleneckMatching(model: CostModel, a: ArrayLike<number>, b: ArrayLike<number>): BottleneckMatching {
  const value = bottleneckValue(model, a, b);
  const k = a.length;
  hasPerfectMatching(k, value);
  const match = new Int32Array(k);
  for (let col = 0; col < k; col++) match[colOwner[col]!] = col;
  return { value, match };
}

/** Kuhn's augmenting paths over links ≤ threshold; leaves the matching in `colOwner`. */
function hasPerfectMatching(k: number, threshold: number): boolean {
  colOwner.fill(-1);
  for (let row = 0; row < k; row++) {
    seen.fill(0);
    if (!augment(row, k, threshold)) return false;
  }
  return true;
}

function augment(row: number, k: number, threshold: number): boolean {
  for (let col = 0; col < k; col++) {
    if (seen[col] || weights[row * k + col]! > threshold) continue;
    seen[col] = 1;
    const owner = colOwner[col]!;
    if (owner === -1 || augment(owner, k, threshold)) {
      colOwner[col] = row;
      return true;
    }
  }
  return false;
}
