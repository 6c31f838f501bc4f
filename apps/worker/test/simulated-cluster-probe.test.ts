/**
 * A cluster probe on the simulated fleet: the devices' probes are held for the distance
 * between their declared cities and paced to their simulated links, so the coordinator's
 * matrix is uneven the way the emulated geography is. Only orderings are asserted: the
 * pair the simulation puts farthest apart must measure the longer delay than the nearest.
 */
import { clusterProbeOptions } from '@tensorgrid/coordinator';
import { DEFAULT_ELIGIBILITY_POLICY } from '@tensorgrid/domain';
import { planClusterResponseSchema } from '@tensorgrid/protocol';
import { startTestCoordinator, type TestCoordinator, until } from '@tensorgrid/test-utils';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSimulatedFleet } from '../src/simulation/core/plan-simulated-fleet';
import { simulatedPeerLink } from '../src/simulation/core/simulated-peer-link';
import { startSimulatedFleet, type SimulatedFleet } from '../src/simulation/start-simulated-fleet';

const SEED = 9;
const COUNT = 4;

describe('cluster probe on the simulated fleet', () => {
  let coord: TestCoordinator;
  let fleet: SimulatedFleet;

  beforeAll(async () => {
    coord = await startTestCoordinator('sqlite', {
      clusterOptions: clusterProbeOptions({ probe: { pings: 3, bytes: 32 * 1024, perPeerTimeoutMs: 10_000, timeoutMs: 60_000, maxConcurrentProbers: 4 } }),
      // Hireable at once (no trial, no score yet): these tests are about probing; cluster-planner.test.ts covers eligibility.
      eligibility: { ...DEFAULT_ELIGIBILITY_POLICY, trialMs: 0, scoreThreshold: 0 },
    });
    fleet = await startSimulatedFleet({ coordinatorUrl: coord.url, count: COUNT, seed: SEED, speedup: 1, adversarialShare: 0, heartbeatIntervalMs: 1000, log: pino({ level: 'silent' }) });
    // Seconds when alone; CI runs other suites (anvil property tests) on the same two cores: wait up to 45 s for all four.
    await until(() => fleet.devices.every((d) => coord.app.gateway.hasSession(d.deviceId)), 'the simulated sessions', 45_000);
  }, 60_000);
  afterAll(async () => {
    await fleet?.stop();
    await coord?.close();
  });

  it('yields an uneven matrix in which the farther simulated pair has the larger delay', async () => {
    const plan = planSimulatedFleet({ count: COUNT, seed: SEED, adversarialShare: 0 });
    const ids = fleet.devices.map((d) => d.deviceId);
    const pairs = ids.flatMap((_, i) => ids.map((_, j) => [i, j] as const).filter(([a, b]) => a < b));
    const expected = (i: number, j: number) => simulatedPeerLink(plan[i]!, plan[j]!).extraRttMs;
    const byExpected = [...pairs].sort((p, q) => expected(...p) - expected(...q));
    const [near, far] = [byExpected[0]!, byExpected.at(-1)!];
    // The seed must put real distance between the nearest and the farthest pair, or the test proves nothing.
    expect(expected(...far) - expected(...near)).toBeGreaterThan(30);

    const res = await fetch(`${coord.url}/v1/clusters/plan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ devices: ids, D_PP: 2, D_DP: 2, c_dp_gb: 1, c_pp_gb: 0.5, budget: 100 }) });
    expect(res.status).toBe(200);
    const { topology } = planClusterResponseSchema.parse(await res.json());
    const delay = (p: readonly [number, number]) => topology.delay_ms[p[0]]![p[1]]!;
    expect(delay(far)).toBeGreaterThan(delay(near));
    for (const p of pairs) {
      // One-way delay: at least half the emulated round trip; throughput at most the simulated cap.
      expect(delay(p)).toBeGreaterThanOrEqual(expected(...p) / 2);
      const cap = Math.max(simulatedPeerLink(plan[p[0]]!, plan[p[1]]!).maxGbps, simulatedPeerLink(plan[p[1]]!, plan[p[0]]!).maxGbps);
      expect(topology.bandwidth_gbps[p[0]]![p[1]]).toBeLessThanOrEqual(cap);
      expect(topology.bandwidth_gbps[p[0]]![p[1]]).toBeGreaterThan(0);
    }
  }, 60_000);
});
