import { createRng } from '../search/rng';
import type { Topology } from '../topology';
import { DTFM_C_DP_GB, DTFM_C_PP_GB } from './dtfm-scenarios';

/**
 * A deliberately uneven network, where searches separate (research/scheduler.md, addendum):
 * 64 devices spread unevenly over sites, a quarter of them home GPUs on slow links, and
 * ±20% seeded noise on every link. Degrees and volumes as in DT-FM.
 * @param seed - which network
 */
export function irregularScenario(seed: number): Topology {
  const rng = createRng(seed);
  const sites = [
    { name: 'Oregon', count: 18, x: 0 },
    { name: 'Virginia', count: 12, x: 60 },
    { name: 'Tokyo', count: 9, x: 100 },
    { name: 'London', count: 8, x: 140 },
    { name: 'Frankfurt', count: 6, x: 150 },
    { name: 'Seoul', count: 6, x: 110 },
    { name: 'Ireland', count: 5, x: 135 },
  ];
  const site = sites.flatMap((s) => Array.from({ length: s.count }, () => s));
  const home = site.map(() => rng.next() < 0.25);
  const n = site.length;
  const noise = () => 0.8 + 0.4 * rng.next();
  const delay_ms = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const bandwidth_gbps = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = site[i]!;
      const b = site[j]!;
      let delay = a === b ? 5 : 5 + 1.2 * Math.abs(a.x - b.x) + 20;
      let bw = a === b ? 2 : Math.max(0.3, 1.3 - Math.abs(a.x - b.x) / 150);
      if (home[i] || home[j]) [delay, bw] = [delay + 15, Math.min(bw, 0.2 + 0.3 * rng.next())];
      delay_ms[i]![j] = delay_ms[j]![i] = delay * noise();
      bandwidth_gbps[i]![j] = bandwidth_gbps[j]![i] = bw * noise();
    }
  }
  return { delay_ms, bandwidth_gbps, D_PP: 8, D_DP: 8, c_dp_gb: DTFM_C_DP_GB, c_pp_gb: DTFM_C_PP_GB, labels: site.map((s, i) => `${s.name}${home[i] ? '-home' : ''}`) };
}
