import { describe, expect, it } from 'vitest';
import { conformanceFloats } from '../conformance/conformance-inputs';
import { conv2dBackward, conv2dForward, conv2dGeometry, type Conv2dShape } from './conv2d';
import { denseBackward, denseForward } from './dense';
import { canonicalReduction, lanesReduction, reversedReduction, shuffledReduction } from './reduction';
import { reluBackward, reluForward } from './relu';
import { softmaxCrossEntropy } from './softmax-cross-entropy';

/**
 * Gradient checks: the float32 kernels' analytic gradients against central finite
 * differences of a float64 reference of the same function (L = Σ y·r for a fixed random r).
 */
const H = 1e-5;

function numericGrad(f: (v: Float64Array) => number, at: Float64Array): Float64Array {
  const g = new Float64Array(at.length);
  for (let i = 0; i < at.length; i++) {
    const v = at.slice();
    v[i] = at[i]! + H;
    const up = f(v);
    v[i] = at[i]! - H;
    g[i] = (up - f(v)) / (2 * H);
  }
  return g;
}

function expectClose(analytic: Float32Array, numeric: Float64Array): void {
  expect(analytic.length).toBe(numeric.length);
  const scale = Math.max(1e-3, ...Array.from(numeric, Math.abs));
  for (let i = 0; i < numeric.length; i++) expect(Math.abs(analytic[i]! - numeric[i]!) / scale).toBeLessThan(2e-4);
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => Array.from(a).reduce((s, v, i) => s + v * b[i]!, 0);

type Ref = (x: ArrayLike<number>, w: ArrayLike<number>, b: ArrayLike<number>) => number;

/** A layer's forward output against its float64 reference, and its three gradients against finite differences. */
function checkLayer(layer: { x: Float32Array; w: Float32Array; b: Float32Array; r: Float32Array; ref: Ref }, out: { y: Float32Array; dx: Float32Array; dw: Float32Array; db: Float32Array }): void {
  const { x, w, b, r, ref } = layer;
  expect(out.y.length).toBe(r.length);
  expect(Math.abs(dot(out.y, r) - ref(x, w, b))).toBeLessThan(1e-4);
  expectClose(out.dx, numericGrad((v) => ref(v, w, b), Float64Array.from(x)));
  expectClose(out.dw, numericGrad((v) => ref(x, v, b), Float64Array.from(w)));
  expectClose(out.db, numericGrad((v) => ref(x, w, v), Float64Array.from(b)));
}

describe('dense', () => {
  const shape = { batch: 3, inDim: 5, outDim: 4 };
  const x = conformanceFloats('t/dense/x', { n: 15, scale: 1 });
  const w = conformanceFloats('t/dense/w', { n: 20, scale: 1 });
  const b = conformanceFloats('t/dense/b', { n: 4, scale: 1 });
  const r = conformanceFloats('t/dense/r', { n: 12, scale: 1 });
  const ref: Ref = (xs, ws, bs) => {
    let l = 0;
    for (let n = 0; n < 3; n++) for (let o = 0; o < 4; o++) l += r[n * 4 + o]! * (bs[o]! + Array.from({ length: 5 }, (_, i) => xs[n * 5 + i]! * ws[o * 5 + i]!).reduce((s, v) => s + v, 0));
    return l;
  };

  it('forward matches the float64 reference and backward matches finite differences', () => {
    checkLayer({ x, w, b, r, ref }, { y: denseForward({ x, w, b, ...shape }), ...denseBackward({ x, w, b, dy: r, ...shape }) });
  });

  it('gives the same bits through the canonical reduction hook, and other bits under other orders', () => {
    const big = { batch: 4, inDim: 100, outDim: 10 };
    const args = { x: conformanceFloats('t/x', { n: 400, scale: 1 }), w: conformanceFloats('t/w', { n: 1000, scale: 1 }), b: new Float32Array(10), ...big };
    const canonical = denseForward(args);
    expect(denseForward({ ...args, reduction: canonicalReduction })).toEqual(canonical);
    const dy = conformanceFloats('t/dy', { n: 40, scale: 1 });
    expect(denseBackward({ ...args, dy, reduction: canonicalReduction })).toEqual(denseBackward({ ...args, dy }));
    for (const reduction of [reversedReduction, lanesReduction(4), shuffledReduction(7)]) {
      const other = denseForward({ ...args, reduction });
      expect(other).not.toEqual(canonical);
      for (let i = 0; i < other.length; i++) expect(Math.abs(other[i]! - canonical[i]!)).toBeLessThan(1e-4);
    }
  });
});

describe.each(['valid', 'same'] as const)('conv2d, %s padding', (padding) => {
  const shape: Conv2dShape = { batch: 2, channels: 2, height: 5, width: 4, filters: 3, kernel: 3, padding };
  const { outH, outW, pad } = conv2dGeometry(shape);
  const x = conformanceFloats('t/conv/x', { n: 2 * 2 * 5 * 4, scale: 1 });
  const w = conformanceFloats('t/conv/w', { n: 3 * 2 * 9, scale: 1 });
  const b = conformanceFloats('t/conv/b', { n: 3, scale: 1 });
  const r = conformanceFloats('t/conv/r', { n: 2 * 3 * outH * outW, scale: 1 });
  const ref: Ref = (xs, ws, bs) => {
    let l = 0;
    for (let n = 0; n < 2; n++)
      for (let f = 0; f < 3; f++)
        for (let oy = 0; oy < outH; oy++)
          for (let ox = 0; ox < outW; ox++) {
            let acc = bs[f]!;
            for (let c = 0; c < 2; c++)
              for (let ky = 0; ky < 3; ky++)
                for (let kx = 0; kx < 3; kx++) {
                  const iy = oy + ky - pad;
                  const ix = ox + kx - pad;
                  if (iy >= 0 && iy < 5 && ix >= 0 && ix < 4) acc += xs[((n * 2 + c) * 5 + iy) * 4 + ix]! * ws[((f * 2 + c) * 3 + ky) * 3 + kx]!;
                }
            l += r[((n * 3 + f) * outH + oy) * outW + ox]! * acc;
          }
    return l;
  };

  it('has the documented output size', () => {
    expect([outH, outW]).toEqual(padding === 'valid' ? [3, 2] : [5, 4]);
  });

  it('forward matches the float64 reference and backward matches finite differences', () => {
    checkLayer({ x, w, b, r, ref }, { y: conv2dForward({ x, w, b, ...shape }), ...conv2dBackward({ x, w, b, dy: r, ...shape }) });
  });
});

describe('softmax cross-entropy', () => {
  const logits = conformanceFloats('t/sm/logits', { n: 4 * 5, scale: 3 });
  const labels = Uint32Array.of(0, 3, 4, 1);
  const ref = (z: ArrayLike<number>): number => {
    let l = 0;
    for (let n = 0; n < 4; n++) {
      const row = Array.from({ length: 5 }, (_, k) => z[n * 5 + k]!);
      l += Math.log(row.reduce((s, v) => s + Math.exp(v), 0)) - row[labels[n]!]!;
    }
    return l / 4;
  };

  it('gives the float64 loss and finite-difference gradients', () => {
    const out = softmaxCrossEntropy({ logits, labels, batch: 4, classes: 5 });
    expect(Math.abs(out.loss - ref(logits))).toBeLessThan(1e-6);
    expectClose(out.dlogits, numericGrad(ref, Float64Array.from(logits)));
  });

  it('stays finite for huge logits and counts correct predictions', () => {
    const out = softmaxCrossEntropy({ logits: Float32Array.of(1000, 0, -1000, 0), labels: Uint32Array.of(0, 0), batch: 2, classes: 2 });
    expect(Number.isFinite(out.loss)).toBe(true);
    expect(out.loss).toBeCloseTo(500, 3); // example 1 costs 1000, example 0 nothing
    expect(out.correct).toBe(1);
    expect(() => softmaxCrossEntropy({ logits, labels: Uint32Array.of(9, 0, 0, 0), batch: 4, classes: 5 })).toThrow(RangeError);
  });
});

describe('relu', () => {
  it('zeroes negatives, -0 and NaN, and passes gradients only where the output is positive', () => {
    const y = reluForward(Float32Array.of(-1, -0, 0, 2, NaN));
    expect(Array.from(y)).toEqual([0, 0, 0, 2, 0]);
    expect(Object.is(y[1], 0)).toBe(true);
    expect(Array.from(reluBackward(y, Float32Array.of(1, 1, 1, 5, 1)))).toEqual([0, 0, 0, 5, 0]);
  });
});
