import { describe, expect, it } from 'vitest';
import { isBaseError, type GpuCard } from '@tensorgrid/protocol';
import { readFixture } from '../fixtures/read-fixture';
import { parseNvidiaSmi } from './parse-nvidia-smi';
import { assertSingleModel, selectGpus, splitByGpuModel } from './split-by-gpu-model';

const mixed = parseNvidiaSmi(readFixture('mixed-rtx-4090-rtx-3090.xml')).gpus;
const h100 = parseNvidiaSmi(readFixture('h100-80gb-hbm3-x8.xml')).gpus;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('splitByGpuModel', () => {
  it('splits the mixed machine into two groups of one card', () => {
    expect(splitByGpuModel(mixed).map((g) => [g.model, g.gpus.map((c) => c.index)])).toEqual([
      ['NVIDIA GeForce RTX 4090', [0]],
      ['NVIDIA GeForce RTX 3090', [1]],
    ]);
  });

  it('keeps a uniform machine in one group, and no GPUs in none', () => {
    expect(splitByGpuModel(h100)).toHaveLength(1);
    expect(splitByGpuModel([])).toEqual([]);
  });
});

describe('selectGpus', () => {
  it('refuses indices across two models as mixed', () => {
    expect(selectGpus(mixed, { indices: [0, 1] })).toEqual({ kind: 'mixed', models: ['NVIDIA GeForce RTX 4090', 'NVIDIA GeForce RTX 3090'] });
  });

  it('refuses a mixed machine when nothing is selected', () => {
    expect(selectGpus(mixed).kind).toBe('mixed');
  });

  it('selects by model (whole, any case, or a part) and by index', () => {
    const only3090 = { kind: 'selected', gpus: [mixed[1]] };
    expect(selectGpus(mixed, { model: 'NVIDIA GeForce RTX 3090' })).toEqual(only3090);
    expect(selectGpus(mixed, { model: 'rtx 3090' })).toEqual(only3090);
    expect(selectGpus(mixed, { indices: [1] })).toEqual(only3090);
    expect(selectGpus(h100, { indices: [2, 3] })).toEqual({ kind: 'selected', gpus: [h100[2], h100[3]] });
    expect(selectGpus(h100)).toEqual({ kind: 'selected', gpus: h100 });
    expect(selectGpus([])).toEqual({ kind: 'selected', gpus: [] });
  });

  it('reports what is available when nothing matches', () => {
    const byModel = selectGpus(mixed, { model: 'A100' });
    expect(byModel).toMatchObject({ kind: 'none-matching', why: 'no GPU model matches "A100"' });
    expect(byModel.kind === 'none-matching' && byModel.available.map((g) => g.model)).toEqual(['NVIDIA GeForce RTX 4090', 'NVIDIA GeForce RTX 3090']);
    expect(selectGpus(mixed, { model: '4090', indices: [1] })).toMatchObject({ kind: 'none-matching', why: 'no GPU of model "4090" has index 1' });
    expect(selectGpus(h100, { indices: [7, 8] })).toMatchObject({ kind: 'none-matching', why: 'no GPU has index 8' });
  });
});

describe('assertSingleModel', () => {
  it('throws MIXED_GPU_MODELS saying why and what to do', () => {
    const err = thrown(() => assertSingleModel(mixed));
    expect(isBaseError(err) && err.code).toBe('MIXED_GPU_MODELS');
    const message = (err as Error).message;
    expect(message).toContain('NVIDIA GeForce RTX 4090 (index 0); NVIDIA GeForce RTX 3090 (index 1)');
    expect(message).toContain('One worker serves one GPU model');
    expect(message).toContain('CUDA versions and resource management');
    expect(message).toContain('tgrid worker start --gpu-model "NVIDIA GeForce RTX 3090"');
  });

  it('accepts one model and no GPUs', () => {
    expect(() => assertSingleModel(h100)).not.toThrow();
    expect(() => assertSingleModel([] as GpuCard[])).not.toThrow();
  });
});
