import { sampleHardware } from '@tensorgrid/test-utils';
import { describe, expect, it } from 'vitest';
import { gpuCardSchema, gpuModelsOf, hardwareSchema, publicHardware, publicHardwareSchema, type GpuCard, type Hardware } from './hardware';

const card = (index: number, model: string): GpuCard => ({ index, vendor: 'nvidia', model, vramMiB: 24564, nvlink: false });
const hardware: Hardware = sampleHardware([card(0, 'NVIDIA GeForce RTX 4090')]);

describe('hardwareSchema', () => {
  it('accepts a full report', () => {
    expect(hardwareSchema.parse(hardware)).toEqual(hardware);
  });

  it('accepts a CPU worker without GPUs or driver versions', () => {
    const { driverVersion: _d, cudaVersion: _c, ...rest } = hardware;
    expect(hardwareSchema.safeParse({ ...rest, kind: 'cpu', gpus: [] }).success).toBe(true);
  });

  it('refuses unknown keys at the top level and in nested objects', () => {
    expect(hardwareSchema.safeParse({ ...hardware, hostname: 'box' }).success).toBe(false);
    expect(hardwareSchema.safeParse({ ...hardware, cpu: { ...hardware.cpu, mhz: 3000 } }).success).toBe(false);
    expect(hardwareSchema.safeParse({ ...hardware, disk: { ...hardware.disk, kind: 'nvme' } }).success).toBe(false);
    expect(hardwareSchema.safeParse({ ...hardware, gpus: [{ ...card(0, 'A'), temperature: 40 }] }).success).toBe(false);
  });

  it('refuses negative or fractional memory', () => {
    expect(hardwareSchema.safeParse({ ...hardware, memoryBytes: -1 }).success).toBe(false);
    expect(hardwareSchema.safeParse({ ...hardware, memoryBytes: 1.5 }).success).toBe(false);
    expect(hardwareSchema.safeParse({ ...hardware, memoryBytes: 0 }).success).toBe(true);
  });

  it('refuses a CPU without cores and an unknown kind', () => {
    expect(hardwareSchema.safeParse({ ...hardware, cpu: { ...hardware.cpu, cores: 0 } }).success).toBe(false);
    expect(hardwareSchema.safeParse({ ...hardware, kind: 'tpu' }).success).toBe(false);
  });

  it('refuses more than 64 GPUs', () => {
    const many = Array.from({ length: 65 }, (_, i) => card(i, 'A'));
    expect(hardwareSchema.safeParse({ ...hardware, gpus: many }).success).toBe(false);
    expect(hardwareSchema.safeParse({ ...hardware, gpus: many.slice(0, 64) }).success).toBe(true);
  });
});

describe('gpuCardSchema', () => {
  it('refuses an empty model, a negative index and an unknown vendor', () => {
    expect(gpuCardSchema.safeParse(card(0, '')).success).toBe(false);
    expect(gpuCardSchema.safeParse(card(-1, 'A')).success).toBe(false);
    expect(gpuCardSchema.safeParse({ ...card(0, 'A'), vendor: 'amd' }).success).toBe(false);
  });
});

describe('gpuModelsOf', () => {
  it('is empty for no cards', () => {
    expect(gpuModelsOf([])).toEqual([]);
  });

  it('dedupes models and keeps first-seen order', () => {
    expect(gpuModelsOf([card(0, 'B'), card(1, 'A'), card(2, 'B'), card(3, 'C'), card(4, 'A')])).toEqual(['B', 'A', 'C']);
  });

  it('treats models that differ only in case as different', () => {
    expect(gpuModelsOf([card(0, 'rtx'), card(1, 'RTX')])).toEqual(['rtx', 'RTX']);
  });
});

describe('publicHardware', () => {
  const fingerprinted: Hardware = sampleHardware([{ ...card(0, 'NVIDIA H100'), uuid: 'GPU-1234', busId: '00000000:C4:00.0' }]);

  it('drops GPU UUIDs and bus ids and keeps everything else', () => {
    const shown = publicHardware(fingerprinted);
    expect(JSON.stringify(shown)).not.toMatch(/GPU-1234|C4:00/);
    expect(shown).toEqual({ ...fingerprinted, gpus: [card(0, 'NVIDIA H100')] });
    expect(publicHardwareSchema.parse(shown)).toEqual(shown);
  });

  it('has no place for GPU UUIDs or bus ids in a response', () => {
    expect(publicHardwareSchema.safeParse(fingerprinted).success).toBe(false);
  });
});
