import { describe, expect, it } from 'vitest';
import { planSimulatedFleet } from './plan-simulated-fleet';

describe('planSimulatedFleet', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    expect(planSimulatedFleet({ count: 40, seed: 7 })).toEqual(planSimulatedFleet({ count: 40, seed: 7 }));
    expect(planSimulatedFleet({ count: 40, seed: 7 })).not.toEqual(planSimulatedFleet({ count: 40, seed: 8 }));
  });

  it('plans exactly the count, with about the adversarial share', () => {
    const fleet = planSimulatedFleet({ count: 50, seed: 1, adversarialShare: 0.2 });
    expect(fleet).toHaveLength(50);
    expect(fleet.map((d) => d.index)).toEqual([...Array(50).keys()]);
    expect(fleet.filter((d) => d.profile === 'honest')).toHaveLength(40);
    expect(new Set(fleet.filter((d) => d.profile !== 'honest').map((d) => d.profile))).toEqual(new Set(['double-memory', 'fake-gpu', 'sybil', 'heartbeat-replay']));
  });

  it('puts a sybil group on one machine under one operator with identical claims', () => {
    const fleet = planSimulatedFleet({ count: 40, seed: 3, adversarialShare: 0.5, sybilSize: 4 });
    const sybils = fleet.filter((d) => d.profile === 'sybil');
    const byMachine = new Map<number, typeof sybils>();
    for (const d of sybils) byMachine.set(d.machine, [...(byMachine.get(d.machine) ?? []), d]);
    for (const group of byMachine.values()) {
      expect(new Set(group.map((d) => d.operator)).size).toBe(1);
      expect(new Set(group.map((d) => `${d.gpuModel}x${d.gpuCount}`)).size).toBe(1);
    }
    expect([...byMachine.values()].some((g) => g.length === 4)).toBe(true);
    const honestMachines = fleet.filter((d) => d.profile === 'honest').map((d) => d.machine);
    expect(new Set(honestMachines).size).toBe(honestMachines.length);
  });

  it('draws GPU and CPU workers, several cities and links', () => {
    const fleet = planSimulatedFleet({ count: 200, seed: 11, adversarialShare: 0 });
    expect(fleet.some((d) => d.gpuModel === null && d.gpuCount === 0)).toBe(true);
    expect(fleet.filter((d) => d.gpuModel).every((d) => d.gpuCount >= 1 && d.vramMiB > 0)).toBe(true);
    expect(new Set(fleet.map((d) => d.location.country)).size).toBeGreaterThan(5);
    expect(new Set(fleet.map((d) => d.link.downMBps)).size).toBeGreaterThan(3);
  });
});
