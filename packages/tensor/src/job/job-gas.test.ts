import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../model/compile-model';
import { trainingFlops } from '../model/model-cost';
import { trainingSpecSchema, type TrainingSpec } from '../training/training-job';
import { GAS_WEI_PER_GFLOP, jobGas } from './job-gas';

const spec = (o: { size: number; epochs?: number; batchSize?: number }): TrainingSpec =>
  trainingSpecSchema.parse({
    version: 1,
    model: { input: [16], layers: [{ type: 'dense', units: 64, activation: 'relu' }, { type: 'dense', units: 4 }] },
    dataset: { kind: 'gaussian-mixture', seed: 'g', classes: 4, dim: 16, size: o.size },
    optimizer: { kind: 'sgd' },
    lr: 0.1,
    batchSize: o.batchSize ?? 32,
    epochs: o.epochs ?? 3,
  });

describe('jobGas', () => {
  it('is ⌈estimated GFLOP⌉ × GAS_WEI_PER_GFLOP, from the training flops per step', () => {
    const s = spec({ size: 64_000, epochs: 10 });
    const { perExample, optimizerPerStep } = trainingFlops(compileModel(s.model), s.optimizer);
    const steps = 10 * (64_000 / 32);
    const flops = BigInt(steps * (32 * perExample + optimizerPerStep));
    const g = jobGas(s);
    expect(g.flops).toBe(flops);
    expect(g.gflop).toBe((flops + 999_999_999n) / 1_000_000_000n);
    expect(g.gas).toBe(g.gflop * GAS_WEI_PER_GFLOP);
    expect(GAS_WEI_PER_GFLOP).toBe(10n ** 15n);
  });

  it('is never zero (the JobMarket refuses zero gas)', () => {
    expect(jobGas(spec({ size: 32, epochs: 1 })).gas).toBe(GAS_WEI_PER_GFLOP);
  });

  it('doubles with the dataset (within one batch and one GFLOP of rounding) and grows with the epochs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 32, max: 500_000 }), fc.integer({ min: 1, max: 50 }), (size, epochs) => {
        const one = jobGas(spec({ size, epochs }));
        const two = jobGas(spec({ size: 2 * size, epochs }));
        // flops are exactly proportional to steps = epochs·⌊size/32⌋; doubling the size adds at most one step per epoch.
        const perStep = one.flops / BigInt(epochs * Math.floor(size / 32));
        expect(two.flops - 2n * one.flops).toBeGreaterThanOrEqual(0n);
        expect(two.flops - 2n * one.flops).toBeLessThanOrEqual(BigInt(epochs) * perStep);
        expect(two.gflop).toBeGreaterThanOrEqual(2n * one.gflop - 1n);
        expect(two.gflop).toBeLessThanOrEqual(2n * one.gflop + BigInt(epochs) * (perStep / 1_000_000_000n + 1n));
      }),
      { numRuns: 200 },
    );
    expect(jobGas(spec({ size: 64_000, epochs: 20 })).flops).toBe(2n * jobGas(spec({ size: 64_000, epochs: 10 })).flops);
    expect(jobGas(spec({ size: 128_000, epochs: 10 })).flops).toBe(2n * jobGas(spec({ size: 64_000, epochs: 10 })).flops);
  });
});
