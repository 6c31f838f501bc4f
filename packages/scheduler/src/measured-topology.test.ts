import { describe, expect, it } from 'vitest';
import { topologyFromProbes, type LinkProbe } from './measured-topology';
import { planPlacement } from './plan/plan-placement';

const shape = { D_PP: 2, D_DP: 2, c_dp_gb: 0.65, c_pp_gb: 0.47 };
const devices = ['a', 'b', 'c', 'd'];
const pairs = devices.flatMap((x, i) => devices.slice(i + 1).map((y) => [x, y] as const));

describe('topologyFromProbes', () => {
  it('builds matrices from one-direction probes, halving the RTT, and plans on them', () => {
    const probes: LinkProbe[] = pairs.map(([from, to]) => ({ from, to, rttMs: from === 'a' && to === 'b' ? 2 : 40, gbps: 1 }));
    const topology = topologyFromProbes(devices, probes, shape);
    expect(topology.delay_ms[0]![1]).toBe(1);
    expect(topology.delay_ms[1]![0]).toBe(1);
    expect(topology.delay_ms[2]![3]).toBe(20);
    expect(topology.labels).toEqual(devices);
    expect(planPlacement(topology, { budget: 50 }).costS).toBeGreaterThan(0);
  });

  it('keeps both directions when both were measured', () => {
    const probes: LinkProbe[] = [...pairs.map(([from, to]) => ({ from, to, rttMs: 10, gbps: 1 })), { from: 'b', to: 'a', rttMs: 30, gbps: 2 }];
    const topology = topologyFromProbes(devices, probes, shape);
    expect([topology.delay_ms[0]![1], topology.delay_ms[1]![0], topology.bandwidth_gbps[1]![0]]).toEqual([5, 15, 2]);
  });

  it('names unmeasured pairs and unknown devices', () => {
    const probes: LinkProbe[] = pairs.filter(([x, y]) => !(x === 'c' && y === 'd')).map(([from, to]) => ({ from, to, rttMs: 10, gbps: 1 }));
    expect(() => topologyFromProbes(devices, probes, shape)).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringContaining('c↔d') }));
    expect(() => topologyFromProbes(devices, [{ from: 'a', to: 'z', rttMs: 1, gbps: 1 }], shape)).toThrowError(expect.objectContaining({ message: expect.stringContaining('z') }));
  });
});
