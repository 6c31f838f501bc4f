import type { GpuCard, Hardware } from '@tensorgrid/protocol';
import { sampleGpu, sampleHardware } from '@tensorgrid/test-utils';
import { describe, expect, it } from 'vitest';
import { describeHardware } from './describe-hardware';

const card = (index: number, nvlink = false): GpuCard => ({ ...sampleGpu(index, 'NVIDIA H100 80GB HBM3'), vramMiB: 81559, nvlink });
const hardware = (gpus: GpuCard[]): Hardware => ({ ...sampleHardware(gpus), cpu: { model: 'AMD EPYC 7763', cores: 64, threads: 128 }, memoryBytes: 2 * 2 ** 40 });

describe('describeHardware', () => {
  it('describes a CPU worker by its CPU and memory', () => {
    expect(describeHardware(hardware([]))).toBe('CPU worker: AMD EPYC 7763 (64 cores), 2048.0 GiB RAM');
  });

  it('counts the GPUs, names the model and rounds VRAM to whole GiB', () => {
    const cards = Array.from({ length: 8 }, (_, i) => card(i));
    expect(describeHardware(hardware(cards))).toBe('8x NVIDIA H100 80GB HBM3 (80 GiB); AMD EPYC 7763 (64 cores), 2048.0 GiB RAM');
  });

  it('mentions NVLink when any card has it', () => {
    expect(describeHardware(hardware([card(0), card(1, true)]))).toBe('2x NVIDIA H100 80GB HBM3 (80 GiB, NVLink); AMD EPYC 7763 (64 cores), 2048.0 GiB RAM');
  });

  it('shows RAM with one decimal', () => {
    expect(describeHardware({ ...hardware([]), memoryBytes: 1.5 * 2 ** 30 })).toBe('CPU worker: AMD EPYC 7763 (64 cores), 1.5 GiB RAM');
  });
});
