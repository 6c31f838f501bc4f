import { describe, expect, it } from 'vitest';
import { gpuCardSchema, isBaseError } from '@tensorgrid/protocol';
import { readFixture } from '../fixtures/read-fixture';
import { parseSystemProfiler } from './parse-system-profiler';

describe('parseSystemProfiler', () => {
  it('reads an M2 Max as one Apple card with the unified memory', () => {
    const report = parseSystemProfiler(readFixture('apple-m2-max.system-profiler.json'));
    expect(report).toEqual({
      chip: 'Apple M2 Max',
      gpuCores: 38,
      memoryMiB: 32 * 1024,
      gpus: [{ index: 0, vendor: 'apple', model: 'Apple M2 Max', vramMiB: 32768, nvlink: false }],
    });
    expect(gpuCardSchema.parse(report.gpus[0])).toEqual(report.gpus[0]);
  });

  it('leaves out the AMD GPU of an Intel Mac', () => {
    const intelMac = {
      SPDisplaysDataType: [{ _name: 'AMD Radeon Pro 5500M', sppci_model: 'AMD Radeon Pro 5500M', spdisplays_vendor: 'sppci_vendor_amd', sppci_device_type: 'spdisplays_gpu' }],
      SPHardwareDataType: [{ physical_memory: '16 GB' }],
    };
    expect(parseSystemProfiler(JSON.stringify(intelMac))).toEqual({ memoryMiB: 16384, gpus: [] });
  });

  it.each([
    ['invalid JSON', '{"SPDisplaysDataType": ['],
    ['an array', '[]'],
    ['an Apple GPU with unreadable memory', JSON.stringify({ SPDisplaysDataType: [{ sppci_model: 'Apple M1' }], SPHardwareDataType: [{ physical_memory: 'lots' }] })],
  ])('refuses %s with HARDWARE_PROBE_FAILED', (_what, json) => {
    let code: string | undefined;
    try {
      parseSystemProfiler(json);
    } catch (err) {
      code = isBaseError(err) ? err.code : undefined;
    }
    expect(code).toBe('HARDWARE_PROBE_FAILED');
  });
});
