import type { GpuCard, Hardware } from '@tensorgrid/protocol';
import { describe, expect, it } from 'vitest';
import { decideHardware, decideHeartbeat } from './device-rules';

const card = (index: number, model: string): GpuCard => ({ index, vendor: 'nvidia', model, vramMiB: 24564, nvlink: false });
const hardware = (gpus: GpuCard[]): Hardware => ({
  kind: gpus.length ? 'gpu' : 'cpu',
  cpu: { model: 'AMD EPYC', cores: 8, threads: 16 },
  memoryBytes: 64 * 2 ** 30,
  disk: { totalBytes: 1e12, freeBytes: 5e11 },
  os: { platform: 'linux', distro: 'Debian', release: '12', arch: 'x64' },
  gpus,
});

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
