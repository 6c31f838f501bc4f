import { gpuReferenceFlops } from '@tensorgrid/domain';
import { sampleGpu, sampleHardware } from '@tensorgrid/test-utils';
import { describe, expect, it } from 'vitest';
import { deviceClaims } from './device-claims';

const baselines = { flopsPerCore: 1e9, hashesPerCore: 500_000 };

describe('deviceClaims', () => {
  it('sizes a CPU device’s compute claim to the cores it reports, so reporting more cores asks for more work', () => {
    const cpu = (cores: number) => ({ hardware: { ...sampleHardware(), cpu: { model: 'x', cores, threads: cores * 2 } } });
    expect(deviceClaims(cpu(1), baselines).flops).toBe(1e9);
    expect(deviceClaims(cpu(8), baselines).flops).toBe(8e9);
    expect(deviceClaims(cpu(8), baselines).memoryBytes).toBe(128 * 2 ** 30);
  });

  it('sizes a GPU device’s compute claim to its cards whatever its host CPU, and proof-of-work to one core', () => {
    const gpus = [sampleGpu(0), sampleGpu(1)];
    const claims = deviceClaims({ hardware: sampleHardware(gpus) }, baselines);
    expect(claims.flops).toBe(2 * gpuReferenceFlops(gpus[0]!.model));
    expect(claims.hashesPerSecond).toBe(500_000);
  });
});
