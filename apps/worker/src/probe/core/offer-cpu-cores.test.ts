import { sampleHardware } from '@tensorgrid/test-utils';
import { describe, expect, it } from 'vitest';
import type { HardwareProbe } from './hardware-for-worker';
import { offerCpuCores } from './offer-cpu-cores';

const probe: HardwareProbe = { machine: (({ kind: _k, gpus: _g, ...machine }) => machine)(sampleHardware()), gpus: [] };

describe('offerCpuCores', () => {
  it('offers every core when the operator names none, or names them all', () => {
    expect(offerCpuCores(probe, undefined)).toBe(probe);
    expect(offerCpuCores(probe, 16)).toBe(probe);
  });

  it('reports only the offered cores and their share of the logical processors', () => {
    const offered = offerCpuCores(probe, 4);
    expect(offered.machine.cpu).toEqual({ model: probe.machine.cpu.model, cores: 4, threads: 8 });
    expect(offered.machine.memoryBytes).toBe(probe.machine.memoryBytes);
    expect(probe.machine.cpu.cores).toBe(16);
  });

  it('never reports fewer logical processors than cores', () => {
    const odd: HardwareProbe = { ...probe, machine: { ...probe.machine, cpu: { model: 'x', cores: 3, threads: 4 } } };
    expect(offerCpuCores(odd, 2).machine.cpu).toMatchObject({ cores: 2, threads: 2 });
  });

  it('refuses more cores than the machine has, saying how many it has', () => {
    expect(() => offerCpuCores(probe, 17)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', shortMessage: 'Cannot offer 17 CPU cores: this machine has 16' }));
  });
});
