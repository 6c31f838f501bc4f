import { describe, expect, it } from 'vitest';
import { GPU_KERNEL_EFFICIENCY, gpuReferenceFlops, UNKNOWN_GPU_FLOPS } from './gpu-reference-flops';

describe('gpuReferenceFlops', () => {
  it('is the model’s dense BF16 tensor rate × the kernel’s measured share of it, by the most specific fragment', () => {
    expect(gpuReferenceFlops('NVIDIA GeForce RTX 4090')).toBe(165.2e12 * GPU_KERNEL_EFFICIENCY);
    expect(gpuReferenceFlops('NVIDIA H100 PCIe')).toBe(756.5e12 * GPU_KERNEL_EFFICIENCY);
    expect(gpuReferenceFlops('NVIDIA H100 80GB HBM3')).toBe(989.4e12 * GPU_KERNEL_EFFICIENCY);
    expect(gpuReferenceFlops('NVIDIA L40S')).toBe(362.05e12 * GPU_KERNEL_EFFICIENCY);
    expect(gpuReferenceFlops('NVIDIA GeForce RTX 3090')).toBe(71e12 * GPU_KERNEL_EFFICIENCY);
    expect(gpuReferenceFlops('NVIDIA H200 NVL')).toBe(835.5e12 * GPU_KERNEL_EFFICIENCY);
  });

  it('asks an H100 for what its measured kernel does (0.38 ms per n = 4096 loop) with room, and of an A100 posing as one three times its spec rate', () => {
    const h100 = gpuReferenceFlops('NVIDIA H100 80GB HBM3');
    const measured = (2 * 4096 ** 3) / 0.38e-3;
    expect(h100).toBeLessThan(measured);
    expect(h100).toBeGreaterThan(measured * 0.9);
    expect(h100 / gpuReferenceFlops('NVIDIA A100-SXM4-80GB')).toBeGreaterThan(3);
  });

  it('gives an unknown model the modest default', () => {
    expect(gpuReferenceFlops('Some Future Card')).toBe(UNKNOWN_GPU_FLOPS);
  });
});
