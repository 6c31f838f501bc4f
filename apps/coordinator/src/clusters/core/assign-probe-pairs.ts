/** One measurement to make: `prober` connects to `target`'s listener. */
export interface ProbePair {
  prober: string;
  target: string;
}

/** The unordered pair's key, the same whichever way round. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Who probes whom: every unordered pair of devices once, in one direction, so that each
 * device probes about half its peers and serves the other half (for devices i < j in the
 * given order, i probes j when j − i is odd, else j probes i). Pairs in `skip` (keys from
 * {@link pairKey}) are left out: they were measured recently.
 * @param devices - the cluster's device ids
 * @param skip - pair keys not to measure
 */
export function assignProbePairs(devices: readonly string[], skip: ReadonlySet<string> = new Set()): ProbePair[] {
  const pairs: ProbePair[] = [];
  for (let i = 0; i < devices.length; i++) {
    for (let j = i + 1; j < devices.length; j++) {
      const [a, b] = [devices[i]!, devices[j]!];
      if (skip.has(pairKey(a, b))) continue;
      pairs.push((j - i) % 2 === 1 ? { prober: a, target: b } : { prober: b, target: a });
    }
  }
  return pairs;
}
