import { describe, expect, it } from 'vitest';
import { gpuCardSchema, isBaseError } from '@tensorgrid/protocol';
import { readFixture } from '../fixtures/read-fixture';
import { parseNvidiaSmi } from './parse-nvidia-smi';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isBaseError(err) ? err.code : `not a BaseError: ${String(err)}`;
  }
  return undefined;
}

describe('parseNvidiaSmi', () => {
  it.each([
    { file: 'rtx-3080.xml', model: 'NVIDIA GeForce RTX 3080', count: 1, vramMiB: 10240, driver: '550.127.05', cuda: '12.4', nvlink: false },
    { file: 'rtx-4090.xml', model: 'NVIDIA GeForce RTX 4090', count: 1, vramMiB: 24564, driver: '570.153.02', cuda: '12.8', nvlink: false },
    // HGX A100: -q -x says nothing of NVLink on Ampere (fabric N/A); nvlink --status does.
    { file: 'a100-sxm4-80gb-x8.xml', model: 'NVIDIA A100-SXM4-80GB', count: 8, vramMiB: 81920, driver: '535.183.01', cuda: '12.2', nvlink: false },
    { file: 'h100-80gb-hbm3-x8.xml', model: 'NVIDIA H100 80GB HBM3', count: 8, vramMiB: 81559, driver: '535.129.03', cuda: '12.2', nvlink: true },
  ])('reads $file: $count × $model', ({ file, model, count, vramMiB, driver, cuda, nvlink }) => {
    const report = parseNvidiaSmi(readFixture(file));
    expect(report.driverVersion).toBe(driver);
    expect(report.cudaVersion).toBe(cuda);
    expect(report.gpus).toHaveLength(count);
    expect(report.gpus.map((g) => g.index)).toEqual([...Array(count).keys()]);
    for (const gpu of report.gpus) {
      expect(gpuCardSchema.parse(gpu)).toEqual(gpu);
      expect(gpu).toMatchObject({ vendor: 'nvidia', model, vramMiB, nvlink });
      expect(gpu.uuid).toMatch(/^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(gpu.busId).toMatch(/^[0-9A-F]{8}:[0-9A-F]{2}:00\.0$/);
    }
  });

  it('reads a mixed machine card by card', () => {
    const report = parseNvidiaSmi(readFixture('mixed-rtx-4090-rtx-3090.xml'));
    expect(report.gpus.map((g) => [g.index, g.model, g.vramMiB, g.busId])).toEqual([
      [0, 'NVIDIA GeForce RTX 4090', 24564, '00000000:01:00.0'],
      [1, 'NVIDIA GeForce RTX 3090', 24576, '00000000:21:00.0'],
    ]);
  });

  it('orders cards by minor number and falls back to list order when it is N/A', () => {
    const gpu = (minor: string, name: string) =>
      `<gpu id="x"><product_name>${name}</product_name><minor_number>${minor}</minor_number><fb_memory_usage><total>8192 MiB</total></fb_memory_usage></gpu>`;
    const byMinor = parseNvidiaSmi(`<nvidia_smi_log>${gpu('1', 'B')}${gpu('0', 'A')}</nvidia_smi_log>`);
    expect(byMinor.gpus.map((g) => [g.index, g.model])).toEqual([[0, 'A'], [1, 'B']]);
    const windows = parseNvidiaSmi(`<nvidia_smi_log>${gpu('N/A', 'A')}${gpu('N/A', 'B')}</nvidia_smi_log>`);
    expect(windows.gpus.map((g) => [g.index, g.model, g.busId])).toEqual([[0, 'A', 'x'], [1, 'B', 'x']]);
    expect(windows.driverVersion).toBeUndefined();
    expect(windows.cudaVersion).toBeUndefined();
  });

  it('marks NVLink only for a completed, successful fabric', () => {
    const withFabric = (state: string, status: string) =>
      parseNvidiaSmi(
        `<nvidia_smi_log><gpu><product_name>G</product_name><fb_memory_usage><total>1 MiB</total></fb_memory_usage><fabric><state>${state}</state><status>${status}</status></fabric></gpu></nvidia_smi_log>`,
      ).gpus[0]?.nvlink;
    expect(withFabric('Completed', 'Success')).toBe(true);
    expect(withFabric('In Progress', 'N/A')).toBe(false);
    expect(withFabric('Completed', 'Failure')).toBe(false);
    expect(withFabric('N/A', 'N/A')).toBe(false);
  });

  it('gives an empty list for a log with no GPUs', () => {
    expect(parseNvidiaSmi('<nvidia_smi_log><driver_version>550.54.14</driver_version><attached_gpus>0</attached_gpus></nvidia_smi_log>')).toEqual({
      driverVersion: '550.54.14',
      gpus: [],
    });
  });

  it.each([
    ['truncated output', readFixture('rtx-4090.xml').slice(0, 2000), /malformed XML/],
    ['text instead of XML', 'No devices were found', /malformed XML/],
    ['another root element', '<?xml version="1.0" ?><log><gpu/></log>', /no <nvidia_smi_log> element \(root: <log>\)/],
    ['a card without memory', '<nvidia_smi_log><gpu><product_name>G</product_name></gpu></nvidia_smi_log>', /cannot read the memory of G/],
    ['a card without a name', '<nvidia_smi_log><gpu><uuid>GPU-1</uuid></gpu></nvidia_smi_log>', /no <product_name>/],
  ])('refuses %s with HARDWARE_PROBE_FAILED', (_what, xml, message) => {
    expect(codeOf(() => parseNvidiaSmi(xml))).toBe('HARDWARE_PROBE_FAILED');
    expect(() => parseNvidiaSmi(xml)).toThrow(message);
  });
});
