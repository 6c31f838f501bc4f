import type { Reduction } from './reduction';
import { rowDots, transpose } from './row-dots';

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
  if (reduction) {
    const terms = new Float64Array(inDim);
    for (let n = 0; n < batch; n++) {
      for (let o = 0; o < outDim; o++) {
        for (let i = 0; i < inDim; i++) terms[i] = f(x[n * inDim + i]! * w[o * inDim + i]!);
        y[n * outDim + o] = f(reduction(terms, inDim) + b[o]!);
      }
    }
    return y;
  }
  rowDots({ a: x, b: w, rows: batch, cols: outDim, len: inDim, out: y });
  for (let n = 0; n < batch; n++) for (let o = 0; o < outDim; o++) y[n * outDim + o] = f(y[n * outDim + o]! + b[o]!);
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
  if (reduction) return denseBackwardWith(a, reduction);
  const dw = new Float32Array(outDim * inDim);
  const db = new Float32Array(outDim);
  const dyT = transpose(dy, batch, outDim); // [outDim, batch]
  rowDots({ a: dyT, b: transpose(x, batch, inDim), rows: outDim, cols: inDim, len: batch, out: dw });
  for (let o = 0; o < outDim; o++) {
    let acc = 0;
    for (let n = 0; n < batch; n++) acc = f(acc + dyT[o * batch + n]!);
    db[o] = acc;
  }
  const dx = new Float32Array(a.skipInputGrad ? 0 : batch * inDim);
  if (!a.skipInputGrad) rowDots({ a: dy, b: transpose(w, outDim, inDim), rows: batch, cols: inDim, len: outDim, out: dx });
  return { dx, dw, db };
}

/** The same sums as {@link denseBackward}, each handed to a non-canonical reduction (profiling). */
function denseBackwardWith(a: DenseBackwardArgs, reduction: Reduction): DenseGradients {
  const { x, w, dy, batch, inDim, outDim } = a;
  const dx = new Float32Array(a.skipInputGrad ? 0 : batch * inDim);
  const dw = new Float32Array(outDim * inDim);
  const db = new Float32Array(outDim);
  const terms = new Float64Array(Math.max(batch, outDim));
  for (let o = 0; o < outDim; o++) {
    for (let i = 0; i < inDim; i++) {
      for (let n = 0; n < batch; n++) terms[n] = f(dy[n * outDim + o]! * x[n * inDim + i]!);
      dw[o * inDim + i] = reduction(terms, batch);
    }
    let acc = 0;
    for (let n = 0; n < batch; n++) acc = f(acc + dy[n * outDim + o]!);
    db[o] = acc;
  }
  for (let n = 0; n < dx.length / inDim; n++) {
    for (let i = 0; i < inDim; i++) {
      for (let o = 0; o < outDim; o++) terms[o] = f(dy[n * outDim + o]! * w[o * inDim + i]!);
      dx[n * inDim + i] = reduction(terms, outDim);
    }
  }
  return { dx, dw, db };
}
