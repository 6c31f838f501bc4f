import { describe, expect, it } from 'vitest';
import { DEFAULT_GPU_CLASS_UNITS, gpuClassUnits, rewardWeight } from './reward-weight';

describe('rewardWeight', () => {
  it('looks GPU models up by the longest matching key', () => {
    expect(gpuClassUnits('NVIDIA H100 80GB HBM3')).toBe(989);
    expect(gpuClassUnits('NVIDIA GeForce RTX 4090')).toBe(165);
    expect(gpuClassUnits('NVIDIA L40S')).toBe(362);
    expect(gpuClassUnits('Some GPU')).toBe(DEFAULT_GPU_CLASS_UNITS);
  });

  it('is class units × GPUs × score in hundredths for GPUs, cores × score for CPUs', () => {
    expect(rewardWeight({ kind: 'gpu', gpuModel: 'NVIDIA GeForce RTX 4090', gpuCount: 2, cpuCores: 16, score: 80.5 })).toBe(165n * 2n * 8050n);
    expect(rewardWeight({ kind: 'cpu', gpuModel: null, gpuCount: 0, cpuCores: 32, score: 100 })).toBe(32n * 10_000n);
    expect(rewardWeight({ kind: 'gpu', gpuModel: 'H100', gpuCount: 1, cpuCores: 1, score: Number.NaN })).toBe(0n);
  });
});
