import type { GpuCard } from '@tensorgrid/protocol';
import { describe, expect, it } from 'vitest';
import { planWorkers, slugOf } from './plan-workers';

const card = (index: number, model: string): GpuCard => ({ index, vendor: 'nvidia', model, vramMiB: 24564, nvlink: false });
const mixed = [card(0, 'NVIDIA GeForce RTX 4090'), card(1, 'NVIDIA GeForce RTX 3090'), card(2, 'NVIDIA GeForce RTX 4090')];

describe('planWorkers', () => {
  it('runs one CPU worker on a machine without GPUs', () => {
    expect(planWorkers([])).toEqual([{ slug: 'cpu', gpus: [] }]);
  });

  it('runs one worker per GPU model on a mixed machine', () => {
    const plan = planWorkers(mixed);
    expect(plan.map((p) => p.slug)).toEqual(['nvidia-geforce-rtx-4090', 'nvidia-geforce-rtx-3090']);
    expect(plan[0]!.gpus.map((g) => g.index)).toEqual([0, 2]);
  });

  it('lets the operator choose one model or some cards of one model', () => {
    expect(planWorkers(mixed, { model: 'RTX 3090' })).toEqual([{ slug: 'nvidia-geforce-rtx-3090', gpus: [mixed[1]] }]);
    expect(planWorkers(mixed, { indices: [2] })).toEqual([{ slug: 'nvidia-geforce-rtx-4090-gpus-2', gpus: [mixed[2]] }]);
    expect(planWorkers(mixed, { indices: [0] })[0]!.slug).not.toBe(planWorkers(mixed, { indices: [2] })[0]!.slug);
  });

  it('refuses a choice spanning two models, saying why', () => {
    expect(() => planWorkers(mixed, { indices: [0, 1] })).toThrowError(expect.objectContaining({ code: 'MIXED_GPU_MODELS', message: expect.stringContaining('One worker serves one GPU model') }));
  });

  it('refuses a choice that matches nothing, listing what is there', () => {
    expect(() => planWorkers(mixed, { model: 'H100' })).toThrowError(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('RTX 3090 (index 1)') }));
    expect(() => planWorkers([], { model: 'H100' })).toThrowError(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('slugs model names for identity folders', () => {
    expect(slugOf('NVIDIA H100 80GB HBM3')).toBe('nvidia-h100-80gb-hbm3');
    expect(slugOf('***')).toBe('gpu');
  });
});
