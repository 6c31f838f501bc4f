import { keccak256, stringToHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { hardwareClassOf } from './hardware-class';

describe('hardwareClassOf', () => {
  it('names a class by the GPU model, and one class for every CPU worker', () => {
    expect(hardwareClassOf({ gpuModel: 'NVIDIA H100 80GB HBM3' })).toBe(keccak256(stringToHex('NVIDIA H100 80GB HBM3')));
    expect(hardwareClassOf({ gpuModel: null })).toBe(keccak256(stringToHex('cpu')));
    expect(hardwareClassOf({ gpuModel: 'NVIDIA GeForce RTX 4090' })).not.toBe(hardwareClassOf({ gpuModel: 'NVIDIA GeForce RTX 3090' }));
  });
});
