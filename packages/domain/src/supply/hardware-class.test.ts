import { describe, expect, it } from 'vitest';
import { hardwareClassOf } from './hardware-class';

describe('hardwareClassOf', () => {
  it('names a class by the GPU model, and one class for every CPU worker', () => {
    // keccak256("cpu"), as viem's keccak256(stringToHex('cpu')) computes it.
    expect(hardwareClassOf({ gpuModel: 'NVIDIA H100 80GB HBM3' })).toMatch(/^0x[0-9a-f]{64}$/);
    expect(hardwareClassOf({ gpuModel: null })).toBe('0xff16c7a4ef3c401ed24818642faeade27aed38e36e86223be4fbc6a58e09e83a');
    expect(hardwareClassOf({ gpuModel: 'NVIDIA GeForce RTX 4090' })).not.toBe(hardwareClassOf({ gpuModel: 'NVIDIA GeForce RTX 3090' }));
  });
});
