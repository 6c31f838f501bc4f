import { describe, expect, it } from 'vitest';
import { applyOptimizer } from './apply-optimizer';
import { learningRate } from './lr-schedule';

describe('learningRate', () => {
  it('warms up linearly, then follows the schedule over the remaining steps', () => {
    const at = (t: number) => ({ t, totalSteps: 110 });
    expect([0, 4, 9].map((t) => learningRate({ kind: 'constant', warmupSteps: 10 }, 0.1, at(t)))).toEqual([0.01, 0.05, 0.1].map(Math.fround));
    expect(learningRate({ kind: 'constant', warmupSteps: 10 }, 0.1, at(50))).toBe(Math.fround(0.1));
    const step = { kind: 'step', warmupSteps: 0, every: 30, gamma: 0.1 } as const;
    expect([0, 29, 30, 60].map((t) => learningRate(step, 1, at(t)))).toEqual([1, 1, 0.1, 0.01].map(Math.fround));
    const cosine = { kind: 'cosine', warmupSteps: 10, minLr: 0.001 } as const;
    expect(learningRate(cosine, 0.1, at(10))).toBe(Math.fround(0.1));
    expect(learningRate(cosine, 0.1, at(60))).toBeCloseTo(0.0505, 6);
    expect(learningRate(cosine, 0.1, at(110))).toBeCloseTo(0.001, 7);
  });
});

describe('applyOptimizer', () => {
  it('SGD: v = μv + g + wd·w; w -= lr·v', () => {
    const params = Float32Array.of(1, -2);
    const slots = [Float32Array.of(0.5, 0)];
    applyOptimizer({ spec: { kind: 'sgd', momentum: 0.9, weightDecay: 0.1 }, lr: 0.1, t: 1, params, grads: Float32Array.of(0.2, 0.4), slots });
    expect(slots[0]![0]).toBeCloseTo(0.9 * 0.5 + 0.2 + 0.1, 6);
    expect(params[0]).toBeCloseTo(1 - 0.1 * 0.75, 6);
    expect(params[1]).toBeCloseTo(-2 - 0.1 * (0.4 - 0.2), 6);
  });

  it('Adam: the bias-corrected first step moves every weight by about lr against its gradient', () => {
    const params = Float32Array.of(1, 1, 1);
    const slots = [new Float32Array(3), new Float32Array(3)];
    applyOptimizer({ spec: { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }, lr: 0.01, t: 1, params, grads: Float32Array.of(3, -0.001, 0), slots });
    expect(params[0]).toBeCloseTo(0.99, 5);
    expect(params[1]).toBeCloseTo(1.01, 4);
    expect(params[2]).toBe(1);
    expect(slots[0]![0]).toBeCloseTo(0.3, 6);
    expect(slots[1]![0]).toBeCloseTo(0.009, 6);
  });

  it('tells whether every entry it wrote is a number: a NaN anywhere, in a weight or a slot, says no', () => {
    const sgd = { kind: 'sgd', momentum: 0.9, weightDecay: 0 } as const;
    const adam = { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 } as const;
    const run = (spec: typeof sgd | typeof adam, grads: Float32Array, params = Float32Array.of(1, 2, 3)) =>
      applyOptimizer({ spec, lr: 0.1, t: 1, params, grads, slots: Array.from({ length: spec.kind === 'sgd' ? 1 : 2 }, () => new Float32Array(3)) });
    for (const spec of [sgd, adam]) {
      expect(run(spec, Float32Array.of(0.1, -0.2, 0))).toBe(true);
      expect(run(spec, Float32Array.of(0.1, Number.NaN, 0))).toBe(false);
      // ∞ − ∞: a NaN made by the update itself, from an infinite weight and gradient.
      expect(run(spec, Float32Array.of(0.1, Number.POSITIVE_INFINITY, 0), Float32Array.of(1, Number.POSITIVE_INFINITY, 3))).toBe(false);
    }
  });
});
