import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { topologySchema } from '../src/topology';
import { DTFM_C_PP_GB, dtfmScenarios } from '../src/scenarios/dtfm-scenarios';
import { formatTopology } from '../src/scenarios/format-topology';

describe('DT-FM scenarios', () => {
  it("keeps the code's c_PP (with its 2024) for parity", () => {
    expect(DTFM_C_PP_GB).toBe(0.47124922275543213);
  });

  it.each(dtfmScenarios().map((s) => [s.id, s] as const))('%s: the fixture file is the generator output and a valid topology', (_id, scenario) => {
    const file = fileURLToPath(new URL(`../fixtures/dtfm/${scenario.id}.json`, import.meta.url));
    const text = readFileSync(file, 'utf8');
    expect(text, 'stale fixture: run npx tsx packages/scheduler/scripts/write-scenarios.ts').toBe(formatTopology(scenario.topology));
    expect(topologySchema.parse(JSON.parse(text))).toEqual(scenario.topology);
  });

  it('matches the note: symmetric matrices, the right sites and links', () => {
    const [c1, c2, , c4, c5] = dtfmScenarios().map((s) => s.topology);
    for (const t of [c1!, c2!, c4!, c5!]) t.delay_ms.forEach((row, i) => row.forEach((v, j) => expect(v).toBe(t.delay_ms[j]![i])));
    expect([c1!.bandwidth_gbps[0]![7], c1!.bandwidth_gbps[0]![8]]).toEqual([100, 3.125]);
    expect([c2!.bandwidth_gbps[0]![3], c2!.bandwidth_gbps[0]![4], c2!.bandwidth_gbps[32]![33]]).toEqual([100, 1.25, 1.25]);
    expect([c4!.delay_ms[0]![16], c4!.bandwidth_gbps[16]![32]]).toEqual([67, 1.25]);
    expect([c5!.delay_ms[24]![39], c5!.bandwidth_gbps[32]![56]]).toEqual([34, 0.335]);
  });
});
