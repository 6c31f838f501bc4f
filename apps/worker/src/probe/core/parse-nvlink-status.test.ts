import { describe, expect, it } from 'vitest';
import { readFixture } from '../fixtures/read-fixture';
import { parseNvidiaSmi } from './parse-nvidia-smi';
import { applyNvlinkStatus, parseNvlinkStatus } from './parse-nvlink-status';

describe('parseNvlinkStatus', () => {
  it('counts 12 active links on each GPU of the HGX A100', () => {
    const status = parseNvlinkStatus(readFixture('a100-sxm4-80gb-x8.nvlink-status.txt'));
    expect(status).toHaveLength(8);
    for (const gpu of status) expect(gpu).toMatchObject({ activeLinks: 12, totalLinks: 12, uuid: expect.stringMatching(/^GPU-/) });
  });

  it('counts only links that report a speed', () => {
    const text = [
      'GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-a)',
      '\t Link 0: 26.562 GB/s',
      '\t Link 1: <inactive>',
      '\t Link 2: some status nobody has seen',
      'GPU 1: Quadro RTX 5000 (UUID: GPU-b) NVML: Unable to retrieve Nvlink information as all links are inActive',
      'GPU 2: NVIDIA GeForce RTX 4090 (UUID: GPU-c)',
    ].join('\n');
    expect(parseNvlinkStatus(text)).toEqual([
      { index: 0, uuid: 'GPU-a', activeLinks: 1, totalLinks: 3 },
      { index: 1, uuid: 'GPU-b', activeLinks: 0, totalLinks: 0 },
      { index: 2, uuid: 'GPU-c', activeLinks: 0, totalLinks: 0 },
    ]);
  });

  it('marks the A100 cards as NVLinked by UUID', () => {
    const { gpus } = parseNvidiaSmi(readFixture('a100-sxm4-80gb-x8.xml'));
    const linked = applyNvlinkStatus(gpus, parseNvlinkStatus(readFixture('a100-sxm4-80gb-x8.nvlink-status.txt')));
    expect(linked.map((g) => g.nvlink)).toEqual(Array(8).fill(true));
    // Matching is by UUID: status for other cards marks nothing.
    expect(applyNvlinkStatus(gpus, [{ index: 0, uuid: 'GPU-other', activeLinks: 12, totalLinks: 12 }]).some((g) => g.nvlink)).toBe(false);
  });
});
