/**
 * `npm run bench:scheduler`: our scheduler on DT-FM's five scenarios (fixture files), at
 * 5,000 and 500 cost evaluations, 10 seeds each; prints median and best cost, the reference
 * values and the time per plan, then checks the issue's targets. Also prints, for context,
 * three uneven networks where searches separate (no published reference exists for them).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { irregularScenario } from '../src/scenarios/irregular-scenario';
import { planPlacement } from '../src/plan/plan-placement';

const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);
const BUDGETS = [5000, 500] as const;

/**
 * Reference values, research/scheduler.md §9 and addendum: the optimum (proved for cases 1-3,
 * the identity layout, "very likely optimal", for 4-5), and the best cost DT-FM's own GCMA
 * search reached at 5,000 evaluations over several seeded runs (case 2: 43.5-49.5 s).
 */
const REFERENCE = {
  'case-1': { name: 'data center on demand', optimum: 3.4398, gcmaBest: 3.4398 },
  'case-2': { name: 'data center spot', optimum: 31.6342, gcmaBest: 43.5 },
  'case-3': { name: 'multiple universities', optimum: 16.0868, gcmaBest: 16.0868 },
  'case-4': { name: 'regional (4 US regions)', optimum: 34.802, gcmaBest: 34.802 },
  'case-5': { name: 'world-wide (8 cities)', optimum: 49.2184, gcmaBest: 49.2184 },
} as const;

interface Run {
  median: number;
  best: number;
  msPerPlan: number;
  evaluations: number;
}

function run(topology: unknown, budget: number): Run {
  const costs: number[] = [];
  let ms = 0;
  let evaluations = 0;
  for (const seed of SEEDS) {
    const started = performance.now();
    const plan = planPlacement(topology, { seed, budget, timeLimitMs: 600_000 });
    ms += performance.now() - started;
    costs.push(plan.costS);
    evaluations += plan.evaluations;
  }
  costs.sort((a, b) => a - b);
  return { median: (costs[4]! + costs[5]!) / 2, best: costs[0]!, msPerPlan: ms / SEEDS.length, evaluations: evaluations / SEEDS.length };
}

const f = (x: number) => x.toFixed(4).padStart(9);
const failures: string[] = [];
console.log(`Scheduler benchmark: 10 seeds per budget; cost = estimated seconds per iteration (DT-FM's cost model)\n`);
console.log('scenario                       optimum  DT-FM best |  ours@5000 median     best  ms/plan |  ours@500 median     best  ms/plan | 500 vs 5000');
for (const [id, ref] of Object.entries(REFERENCE)) {
  const topology = JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/dtfm/${id}.json`, import.meta.url)), 'utf8')) as unknown;
  const [full, tenth] = BUDGETS.map((budget) => run(topology, budget)) as [Run, Run];
  const gap = (tenth.median / full.median - 1) * 100;
  console.log(
    `${`${id} ${ref.name}`.padEnd(29)} ${f(ref.optimum)}  ${f(ref.gcmaBest)} |        ${f(full.median)} ${f(full.best)} ${full.msPerPlan.toFixed(0).padStart(8)} |       ${f(tenth.median)} ${f(tenth.best)} ${tenth.msPerPlan.toFixed(0).padStart(8)} | ${gap >= 0 ? '+' : ''}${gap.toFixed(2)}%`,
  );
  if (full.median > ref.gcmaBest + 1e-4) failures.push(`${id}: median ${full.median} above DT-FM's best ${ref.gcmaBest}`);
  if ((id === 'case-1' || id === 'case-2') && Math.abs(full.median - ref.optimum) > 1e-4) failures.push(`${id}: not optimal (${full.median} vs ${ref.optimum})`);
  if (gap > 1) failures.push(`${id}: 500 evaluations ${gap.toFixed(2)}% above 5,000`);
}

console.log('\nUneven networks (context only; 64 devices over 7 sites, a quarter on home links, ±20% noise):');
console.log('network          constructions |  ours@500 median     best |  ours@5000 median     best  ms/plan');
for (const net of [1, 2, 3]) {
  const topology = irregularScenario(net);
  const start = run(topology, 3);
  const [full, tenth] = BUDGETS.map((budget) => run(topology, budget)) as [Run, Run];
  console.log(`irregular-${net}      ${f(start.median)}     |       ${f(tenth.median)} ${f(tenth.best)} |        ${f(full.median)} ${f(full.best)} ${full.msPerPlan.toFixed(0).padStart(8)}`);
}

console.log(failures.length ? `\nTargets missed:\n  ${failures.join('\n  ')}` : '\nTargets met: median at or below DT-FM\'s best on all five, optimal on cases 1 and 2, 500 evaluations within 1% of 5,000.');
process.exit(failures.length ? 1 : 0);
