import { describe, expect, it } from 'vitest';
import { compileModel } from './compile-model';
import { trainingFlops, trainingMemoryBytes } from './model-cost';

describe('model size and cost', () => {
  const mlp = compileModel({ input: [64], layers: [{ type: 'dense', units: 96, activation: 'relu' }, { type: 'dense', units: 32, activation: 'relu' }, { type: 'dense', units: 10, activation: 'linear' }] });
  const cnn = compileModel({ input: [1, 8, 8], layers: [{ type: 'conv2d', filters: 4, kernel: 3, padding: 'valid', activation: 'relu' }, { type: 'flatten' }, { type: 'dense', units: 4, activation: 'linear' }] });

  it('counts parameters and lays them out layer by layer, weight then bias', () => {
    expect(mlp.paramCount).toBe(64 * 96 + 96 + 96 * 32 + 32 + 32 * 10 + 10);
    expect(mlp.layers.map((l) => (l.kind === 'flatten' ? null : [l.wOffset, l.bOffset]))).toEqual([[0, 6144], [6240, 9312], [9344, 9664]]);
    expect(cnn.paramCount).toBe(4 * 9 + 4 + 4 * 36 * 4 + 4);
    expect(cnn.layers[0]).toMatchObject({ outH: 6, outW: 6 });
  });

  it('prices a step from multiply-adds and the optimizer', () => {
    expect(trainingFlops(mlp, { kind: 'sgd', momentum: 0.9, weightDecay: 0 })).toEqual({ perExample: 6 * (64 * 96 + 96 * 32 + 32 * 10) + 50, optimizerPerStep: 4 * mlp.paramCount });
    expect(trainingFlops(cnn, { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 })).toEqual({ perExample: 6 * (4 * 36 * 9 + 144 * 4) + 20, optimizerPerStep: 12 * cnn.paramCount });
  });

  it('estimates memory from parameters, optimizer slots and the batch activations', () => {
    const adam = { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 } as const;
    expect(trainingMemoryBytes(mlp, { optimizer: adam, batchSize: 32 })).toBe(4 * (4 * mlp.paramCount + 32 * (64 + 2 * (96 + 32 + 10))));
    expect(trainingMemoryBytes(mlp, { optimizer: adam, batchSize: 64 })).toBeGreaterThan(trainingMemoryBytes(mlp, { optimizer: adam, batchSize: 32 }));
  });
});
