import { describe, expect, it } from 'vitest';
import { cnnJobInput, mlpJobInput } from '../../test/jobs';
import { canonicalJson } from './canonical-json';
import { deriveJobSeed, parseTrainingJob, trainingSpecHash, trainingSteps } from './training-job';

describe('parseTrainingJob', () => {
  it('fills defaults, so the spec hash covers every value used', () => {
    const job = parseTrainingJob(cnnJobInput());
    expect(job.spec.optimizer).toEqual({ kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
    expect(job.spec.schedule).toEqual({ kind: 'constant', warmupSteps: 0 });
    const explicit = parseTrainingJob({ ...(cnnJobInput() as object), spec: { ...job.spec } });
    expect(trainingSpecHash(explicit.spec)).toEqual(trainingSpecHash(job.spec));
    expect(trainingSteps(job.spec)).toEqual({ stepsPerEpoch: 32, totalSteps: 64 });
  });

  it.each([
    ['a model input that is not the dataset shape', (s: Record<string, unknown>) => ({ ...s, model: { input: [63], layers: [{ type: 'dense', units: 10 }] } }), 'spec.model.input'],
    ['a last layer that is not the classes', (s: Record<string, unknown>) => ({ ...s, model: { input: [64], layers: [{ type: 'dense', units: 9 }] } }), 'spec.model.layers'],
    ['a batch larger than the dataset', (s: Record<string, unknown>) => ({ ...s, batchSize: 4096 }), 'spec.batchSize'],
    ['an unknown optimizer', (s: Record<string, unknown>) => ({ ...s, optimizer: { kind: 'lion' } }), 'spec.optimizer.kind'],
    ['a negative learning rate', (s: Record<string, unknown>) => ({ ...s, lr: -1 }), 'spec.lr'],
    ['an Adam beta of 1 (its bias correction would divide by zero)', (s: Record<string, unknown>) => ({ ...s, optimizer: { kind: 'adam', beta1: 1 } }), 'spec.optimizer.beta1'],
    ['an unknown state hash', (s: Record<string, unknown>) => ({ ...s, stateHash: 'md5' }), 'spec.stateHash'],
  ])('refuses %s with VALIDATION_FAILED naming the field', (_what, edit, path) => {
    const input = mlpJobInput() as { spec: Record<string, unknown> };
    try {
      parseTrainingJob({ ...input, spec: edit(input.spec) });
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(JSON.stringify((error as { data?: unknown }).data)).toContain(path);
    }
  });

  it('refuses a model whose layers do not fit (conv on a flat input, linear last layer missing)', () => {
    const input = mlpJobInput() as { spec: Record<string, unknown> };
    const conv = { ...input, spec: { ...input.spec, model: { input: [64], layers: [{ type: 'conv2d', filters: 2, kernel: 3 }, { type: 'dense', units: 10 }] } } };
    expect(() => parseTrainingJob(conv)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    const relu = { ...input, spec: { ...input.spec, model: { input: [64], layers: [{ type: 'dense', units: 10, activation: 'relu' }] } } };
    expect(() => parseTrainingJob(relu)).toThrow(/linear dense layer/);
  });
});

describe('canonical JSON, spec hash and job seed', () => {
  it('ignores key order and changes with any value', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    const job = parseTrainingJob(mlpJobInput());
    const lr = parseTrainingJob(mlpJobInput({ lr: 0.0500001 }));
    expect(trainingSpecHash(lr.spec)).not.toEqual(trainingSpecHash(job.spec));
  });

  it('derives the job seed from the job id and the beacon', () => {
    const beacon = '01'.repeat(32);
    const seed = deriveJobSeed('42', beacon);
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(deriveJobSeed('42', beacon)).toBe(seed);
    expect(deriveJobSeed('43', beacon)).not.toBe(seed);
    expect(deriveJobSeed('42', '02'.repeat(32))).not.toBe(seed);
    expect(() => deriveJobSeed('42', 'nothex')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
