import { describe, expect, it } from 'vitest';
import { gpuReferenceFlops, UNKNOWN_GPU_FLOPS } from './gpu-reference-flops';

describe('gpuReferenceFlops', () => {
  it('matches the most specific fragment of the product name', () => {
    expect(gpuReferenceFlops('NVIDIA GeForce RTX 4090')).toBe(82.6e12);
    expect(gpuReferenceFlops('NVIDIA H100 PCIe')).toBe(51.2e12);
    expect(gpuReferenceFlops('NVIDIA H100 80GB HBM3')).toBe(66.9e12);
  });

  it('gives an unknown model the modest default', () => {
    expect(gpuReferenceFlops('Some Future Card')).toBe(UNKNOWN_GPU_FLOPS);
  });
});
