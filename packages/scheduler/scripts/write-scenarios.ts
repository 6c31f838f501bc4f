/**
 * Writes the five DT-FM scenarios as topology files for `tgrid scheduler plan` and the
 * benchmark: packages/scheduler/fixtures/dtfm/case-<n>.json.
 * Usage: `npx tsx packages/scheduler/scripts/write-scenarios.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dtfmScenarios } from '../src/scenarios/dtfm-scenarios';
import { formatTopology } from '../src/scenarios/format-topology';

for (const scenario of dtfmScenarios()) {
  const file = fileURLToPath(new URL(`../fixtures/dtfm/${scenario.id}.json`, import.meta.url));
  writeFileSync(file, formatTopology(scenario.topology));
  console.log(`wrote ${file} (${scenario.name})`);
}
