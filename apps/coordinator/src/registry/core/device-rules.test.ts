import { sampleGpu as card, sampleHardware as hardware } from '@tensorgrid/test-utils';
import { describe, expect, it } from 'vitest';
import { decideHardware, decideHeartbeat } from './device-rules';

describe('decideHardware', () => {
  it('accepts a CPU worker with no GPU model', () => {
    expect(decideHardware(hardware([]))).toEqual({ kind: 'accepted', gpuModel: null });
  });

  it('accepts several cards of one model', () => {
    expect(decideHardware(hardware([card(0, 'NVIDIA GeForce RTX 4090'), card(1, 'NVIDIA GeForce RTX 4090')]))).toEqual({ kind: 'accepted', gpuModel: 'NVIDIA GeForce RTX 4090' });
  });

  it('refuses two models in one worker and says why and what to do', () => {
    const decision = decideHardware(hardware([card(0, 'NVIDIA GeForce RTX 4090'), card(1, 'NVIDIA GeForce RTX 3090')]));
    expect(decision.kind).toBe('refused');
    if (decision.kind !== 'refused') return;
    expect(decision.error.code).toBe('MIXED_GPU_MODELS');
    expect(decision.error.message).toContain('One worker serves one GPU model');
    expect(decision.error.message).toContain('CUDA');
    expect(decision.error.message).toContain('tgrid worker start --gpu-model');
  });

  it('refuses a GPU worker without GPUs and a CPU worker with GPUs', () => {
    expect(decideHardware({ ...hardware([]), kind: 'gpu' })).toMatchObject({ kind: 'refused', error: { code: 'VALIDATION_FAILED' } });
    expect(decideHardware({ ...hardware([card(0, 'A')]), kind: 'cpu' })).toMatchObject({ kind: 'refused', error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('decideHeartbeat', () => {
  it.each([
    ['pending', 'available'],
    ['available', 'available'],
    ['down', 'available'],
    ['busy', 'busy'],
  ] as const)('moves %s to %s', (from, to) => {
    expect(decideHeartbeat(from, '0xabc')).toEqual({ kind: 'accepted', state: to });
  });

  it('refuses a blocked device', () => {
    expect(decideHeartbeat('blocked', '0xabc')).toMatchObject({ kind: 'refused', error: { code: 'DEVICE_BLOCKED' } });
  });
});
