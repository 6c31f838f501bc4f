import type { Topology } from '../topology';

/**
 * The five network scenarios of DT-FM (Yuan et al., NeurIPS 2022), built from the parameter
 * tables of the scheduler's config (research/scheduler.md §5.1–5.3): 64 devices, D_PP = D_DP
 * = 8, GPT-3 XL volumes (c_DP = 0.65 GB; c_PP with the code's "2024" kept for parity).
 */

/** GPT-3 XL's per-stage gradient volume, GB: 1.3e9 params × 4 B × 3/24 layers. */
export const DTFM_C_DP_GB = 0.65;
/** GPT-3 XL's activation volume per macro-batch, GB, exactly as DT-FM's code computes it. */
export const DTFM_C_PP_GB = (2024 * 2048 * 2 * (1.25e5 / 2048)) / 2 ** 30;

type Link = readonly [delayMs: number, bandwidthGbps: number];

function build(n: number, link: (i: number, j: number) => Link, labels: string[]): Topology {
  const delay_ms = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : link(i, j)[0])));
  const bandwidth_gbps = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => link(i, i === j ? (j + 1) % n : j)[1]));
  return { delay_ms, bandwidth_gbps, D_PP: 8, D_DP: 8, c_dp_gb: DTFM_C_DP_GB, c_pp_gb: DTFM_C_PP_GB, labels };
}

/** A symmetric site-to-site table from its upper triangle, in site order. */
function siteTable(sites: readonly string[], within: Link, pairs: Record<string, Link>): (a: number, b: number) => Link {
  return (a, b) => {
    if (a === b) return within;
    const link = pairs[`${sites[a]}-${sites[b]}`] ?? pairs[`${sites[b]}-${sites[a]}`];
    if (!link) throw new Error(`no link ${sites[a]}-${sites[b]}`);
    return link;
  };
}

const REGIONS = ['Virginia', 'Oregon', 'California', 'Ohio'] as const;
const REGION_LINKS = siteTable(REGIONS, [5, 2], {
  'Virginia-Oregon': [67, 1.15], 'Virginia-California': [59, 1.05], 'Virginia-Ohio': [11, 1.12],
  'Oregon-California': [12, 1.25], 'Oregon-Ohio': [49, 1.1], 'California-Ohio': [52, 1.02],
});

const CITIES = ['Oregon', 'Virginia', 'Ohio', 'Tokyo', 'Seoul', 'London', 'Frankfurt', 'Ireland'] as const;
const CITY_LINKS = siteTable(CITIES, [5, 2], {
  'Oregon-Virginia': [67, 0.79], 'Oregon-Ohio': [49, 1.1], 'Oregon-Tokyo': [96, 0.523], 'Oregon-Seoul': [124, 0.46],
  'Oregon-London': [136, 0.42], 'Oregon-Frankfurt': [143, 0.404], 'Oregon-Ireland': [124, 0.482],
  'Virginia-Ohio': [11, 1.12], 'Virginia-Tokyo': [143, 0.524], 'Virginia-Seoul': [172, 0.5], 'Virginia-London': [76, 1.16],
  'Virginia-Frankfurt': [90, 1.02], 'Virginia-Ireland': [67, 1.05],
  'Ohio-Tokyo': [130, 0.694], 'Ohio-Seoul': [159, 0.529], 'Ohio-London': [86, 1.05], 'Ohio-Frankfurt': [99, 0.799], 'Ohio-Ireland': [77, 1.14],
  'Tokyo-Seoul': [34, 1.1], 'Tokyo-London': [210, 0.366], 'Tokyo-Frankfurt': [223, 0.36], 'Tokyo-Ireland': [199, 0.465],
  'Seoul-London': [238, 0.342], 'Seoul-Frankfurt': [235, 0.358], 'Seoul-Ireland': [228, 0.335],
  'London-Frankfurt': [14, 1.14], 'London-Ireland': [12, 1.09], 'Frankfurt-Ireland': [24, 1.08],
});

/** One of the five scenarios, with its name. */
export interface Scenario {
  id: `case-${1 | 2 | 3 | 4 | 5}`;
  name: string;
  topology: Topology;
}

/** Builds the five scenarios. */
export function dtfmScenarios(): Scenario[] {
  const n = 64;
  const idx = (f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
  return [
    {
      id: 'case-1',
      name: 'Data center on demand: 8 instances × 8 GPUs',
      topology: build(n, (i, j) => (Math.floor(i / 8) === Math.floor(j / 8) ? [0, 100] : [0, 3.125]), idx((i) => `instance-${Math.floor(i / 8)}`)),
    },
    {
      id: 'case-2',
      name: 'Data center spot: 8 instances × 4 GPUs + 32 single-GPU nodes',
      topology: build(n, (i, j) => (i < 32 && j < 32 && Math.floor(i / 4) === Math.floor(j / 4) ? [0, 100] : [0, 1.25]), idx((i) => (i < 32 ? `instance-${Math.floor(i / 4)}` : `single-${i}`))),
    },
    {
      id: 'case-3',
      name: 'Multiple universities: Ohio and Virginia, 32 GPUs each',
      topology: build(n, (i, j) => (i < 32 === j < 32 ? [1, 5] : [11, 1.12]), idx((i) => (i < 32 ? 'Ohio' : 'Virginia'))),
    },
    {
      id: 'case-4',
      name: 'Regional: 4 US regions × 16 GPUs',
      topology: build(n, (i, j) => REGION_LINKS(Math.floor(i / 16), Math.floor(j / 16)), idx((i) => REGIONS[Math.floor(i / 16)]!)),
    },
    {
      id: 'case-5',
      name: 'World-wide: 8 cities × 8 GPUs',
      topology: build(n, (i, j) => CITY_LINKS(Math.floor(i / 8), Math.floor(j / 8)), idx((i) => CITIES[Math.floor(i / 8)]!)),
    },
  ];
}
