import type { Reduction } from './reduction';

const f = Math.fround;

/**
 * A dense layer's tensors, row-major float32: input x [batch, inDim], weight w [outDim, inDim]
 * (one contiguous row per output unit), bias b [outDim].
 */
export interface DenseShape {
  batch: number;
  inDim: number;
  outDim: number;
}

export interface DenseForwardArgs extends DenseShape {
  x: Float32Array;
  w: Float32Array;
  b: Float32Array;
  /** Profiling only (tolerant mode): sum each dot product in another order. */
  reduction?: Reduction;
}

export interface DenseBackwardArgs extends DenseForwardArgs {
  /** Gradient of the loss with respect to the output [batch, outDim]. */
  dy: Float32Array;
  /** Skip dx (the first layer's input gradient is never used); dx is then empty. */
  skipInputGrad?: boolean;
}

export interface DenseGradients {
  dx: Float32Array;
  dw: Float32Array;
  db: Float32Array;
}

/**
 * y[n,o] = (Σ_i x[n,i]·w[o,i]) + b[o]. Each product is rounded to float32, the sum runs
 * over i from 0 upward with a float32 rounding after every addition, and the bias is added
 * last. The loop nest (n, o, i) and this order are the canonical definition every node
 * must reproduce bit for bit.
 * @param a - tensors and shape
 */
export function denseForward(a: DenseForwardArgs): Float32Array {
  const { x, w, b, batch, inDim, outDim, reduction } = a;
  const y = new Float32Array(batch * outDim);
  const terms = reduction ? new Float64Array(inDim) : undefined;
  for (let n = 0; n < batch; n++) {
    const xo = n * inDim;
    for (let o = 0; o < outDim; o++) {
      const wo = o * inDim;
      let acc = 0;
      if (terms && reduction) {
        for (let i = 0; i < inDim; i++) terms[i] = f(x[xo + i]! * w[wo + i]!);
        acc = reduction(terms, inDim);
      } else {
        for (let i = 0; i < inDim; i++) acc = f(acc + f(x[xo + i]! * w[wo + i]!));
      }
      y[n * outDim + o] = f(acc + b[o]!);
    }
  }
  return y;
}

/**
 * The three gradients of a dense layer, each a left-to-right float32 sum:
 * dw[o,i] = Σ_n dy[n,o]·x[n,i] and db[o] = Σ_n dy[n,o] (over the batch, n upward);
 * dx[n,i] = Σ_o dy[n,o]·w[o,i] (over the outputs, o upward).
 * @param a - tensors, shape and the output gradient
 */
export function denseBackward(a: DenseBackwardArgs): DenseGradients {
  const { x, w, dy, batch, inDim, outDim, reduction } = a;
  const dx = new Float32Array(a.skipInputGrad ? 0 : batch * inDim);
  const dw = new Float32Array(outDim * inDim);
  const db = new Float32Array(outDim);
  const terms = reduction ? new Float64Array(Math.max(batch, outDim)) : undefined;
  for (let o = 0; o < outDim; o++) {
    for (let i = 0; i < inDim; i++) {
      let acc = 0;
      if (terms && reduction) {
        for (let n = 0; n < batch; n++) terms[n] = f(dy[n * outDim + o]! * x[n * inDim + i]!);
        acc = reduction(terms, batch);
      } else {
        for (let n = 0; n < batch; n++) acc = f(acc + f(dy[n * outDim + o]! * x[n * inDim + i]!));
      }
      dw[o * inDim + i] = acc;
    }
    let acc = 0;
    for (let n = 0; n < batch; n++) acc = f(acc + dy[n * outDim + o]!);
    db[o] = acc;
  }
  for (let n = 0; n < (a.skipInputGrad ? 0 : batch); n++) {
    for (let i = 0; i < inDim; i++) {
      let acc = 0;
      if (terms && reduction) {
        for (let o = 0; o < outDim; o++) terms[o] = f(dy[n * outDim + o]! * w[o * inDim + i]!);
        acc = reduction(terms, outDim);
      } else {
        for (let o = 0; o < outDim; o++) acc = f(acc + f(dy[n * outDim + o]! * w[o * inDim + i]!));
      }
      dx[n * inDim + i] = acc;
    }
  }
  return { dx, dw, db };
}
