import { rowDots, transpose } from './row-dots';

const f = Math.fround;

/**
 * A 2-D convolution (cross-correlation), stride 1, NCHW float32:
 * input x [batch, channels, height, width], weight w [filters, channels, kernel, kernel],
 * bias b [filters], output y [batch, filters, outH, outW].
 * `valid` padding: outH = height − kernel + 1. `same` padding (odd kernels only): a border of
 * (kernel − 1)/2 zeros, outH = height. Padded positions are skipped, not multiplied by 0, so
 * they add no terms to any sum.
 */
export interface Conv2dShape {
  batch: number;
  channels: number;
  height: number;
  width: number;
  filters: number;
  kernel: number;
  padding: 'valid' | 'same';
}

export interface Conv2dForwardArgs extends Conv2dShape {
  x: Float32Array;
  w: Float32Array;
  b: Float32Array;
}

export interface Conv2dBackwardArgs extends Conv2dForwardArgs {
  /** Gradient of the loss with respect to the output [batch, filters, outH, outW]. */
  dy: Float32Array;
  /** Skip dx (the first layer's input gradient is never used); dx is then empty. */
  skipInputGrad?: boolean;
}

/**
 * The output size and border of a convolution.
 * @param s - the shape
 */
export function conv2dGeometry(s: Conv2dShape): { outH: number; outW: number; pad: number } {
  const pad = s.padding === 'same' ? (s.kernel - 1) / 2 : 0;
  return { outH: s.height - s.kernel + 1 + 2 * pad, outW: s.width - s.kernel + 1 + 2 * pad, pad };
}

/**
 * y[n,f,oy,ox] = (Σ_c Σ_ky Σ_kx x[n,c,oy+ky−pad,ox+kx−pad]·w[f,c,ky,kx]) + b[f], summed in
 * float32 in exactly that loop order (c outermost, kx innermost), bias last.
 * @param a - tensors and shape
 */
export function conv2dForward(a: Conv2dForwardArgs): Float32Array {
  const { x, w, b, batch, channels: C, height: H, width: W, filters: F, kernel: K } = a;
  const { outH, outW, pad } = conv2dGeometry(a);
  const y = new Float32Array(batch * F * outH * outW);
  if (pad === 0) {
    // Valid padding skips nothing, so each patch row holds exactly the canonical terms in the canonical (c, ky, kx) order.
    const spatial = outH * outW;
    const byPixel = new Float32Array(batch * spatial * F);
    rowDots({ a: patches(a, outH, outW), b: w, rows: batch * spatial, cols: F, len: C * K * K, out: byPixel });
    for (let n = 0; n < batch; n++) for (let fi = 0; fi < F; fi++) for (let p = 0; p < spatial; p++) y[(n * F + fi) * spatial + p] = f(byPixel[(n * spatial + p) * F + fi]! + b[fi]!);
    return y;
  }
  for (let n = 0; n < batch; n++) {
    for (let fi = 0; fi < F; fi++) {
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          let acc = 0;
          for (let c = 0; c < C; c++) {
            const xc = (n * C + c) * H;
            const wc = (fi * C + c) * K;
            for (let ky = 0; ky < K; ky++) {
              const iy = oy + ky - pad;
              if (iy < 0 || iy >= H) continue;
              for (let kx = 0; kx < K; kx++) {
                const ix = ox + kx - pad;
                if (ix < 0 || ix >= W) continue;
                acc = f(acc + f(x[(xc + iy) * W + ix]! * w[(wc + ky) * K + kx]!));
              }
            }
          }
          y[((n * F + fi) * outH + oy) * outW + ox] = f(acc + b[fi]!);
        }
      }
    }
  }
  return y;
}

/**
 * Gradients of a convolution, each a float32 sum in a fixed order:
 * dw[f,c,ky,kx] = Σ_n Σ_oy Σ_ox dy[n,f,oy,ox]·x[n,c,oy+ky−pad,ox+kx−pad];
 * db[f] = Σ_n Σ_oy Σ_ox dy[n,f,oy,ox];
 * dx[n,c,iy,ix] = Σ_f Σ_ky Σ_kx dy[n,f,iy−ky+pad,ix−kx+pad]·w[f,c,ky,kx] (a gather per input
 * pixel, so each sum has one owner and no scattered accumulation).
 * @param a - tensors, shape and the output gradient
 */
export function conv2dBackward(a: Conv2dBackwardArgs): { dx: Float32Array; dw: Float32Array; db: Float32Array } {
  const g = conv2dGeometry(a);
  return { dx: a.skipInputGrad ? new Float32Array(0) : inputGrad(a, g), dw: g.pad === 0 ? weightGradValid(a, g) : weightGradPadded(a, g), db: biasGrad(a, g) };
}

type Geometry = ReturnType<typeof conv2dGeometry>;

/** dw with valid padding: dw[f, (c,ky,kx)] = Σ over patch rows (n, oy, ox) in order, the canonical sum as dot products. */
function weightGradValid(a: Conv2dBackwardArgs, { outH, outW }: Geometry): Float32Array {
  const { dy, batch, channels: C, filters: F, kernel: K } = a;
  const spatial = outH * outW;
  const dyByFilter = new Float32Array(F * batch * spatial);
  for (let n = 0; n < batch; n++) for (let fi = 0; fi < F; fi++) dyByFilter.set(dy.subarray((n * F + fi) * spatial, (n * F + fi + 1) * spatial), (fi * batch + n) * spatial);
  const dw = new Float32Array(F * C * K * K);
  rowDots({ a: dyByFilter, b: transpose(patches(a, outH, outW), batch * spatial, C * K * K), rows: F, cols: C * K * K, len: batch * spatial, out: dw });
  return dw;
}

/** dw with same padding: the loop nest of the definition, skipping padded positions. */
function weightGradPadded(a: Conv2dBackwardArgs, { outH, outW, pad }: Geometry): Float32Array {
  const { x, dy, batch, channels: C, height: H, width: W, filters: F, kernel: K } = a;
  const dw = new Float32Array(F * C * K * K);
  for (let fi = 0; fi < F; fi++) {
    for (let c = 0; c < C; c++) {
      for (let ky = 0; ky < K; ky++) {
        for (let kx = 0; kx < K; kx++) {
          let acc = 0;
          for (let n = 0; n < batch; n++) {
            const xc = (n * C + c) * H;
            const dyf = (n * F + fi) * outH;
            for (let oy = 0; oy < outH; oy++) {
              const iy = oy + ky - pad;
              if (iy < 0 || iy >= H) continue;
              for (let ox = 0; ox < outW; ox++) {
                const ix = ox + kx - pad;
                if (ix < 0 || ix >= W) continue;
                acc = f(acc + f(dy[(dyf + oy) * outW + ox]! * x[(xc + iy) * W + ix]!));
              }
            }
          }
          dw[((fi * C + c) * K + ky) * K + kx] = acc;
        }
      }
    }
  }
  return dw;
}

function biasGrad(a: Conv2dBackwardArgs, { outH, outW }: Geometry): Float32Array {
  const { dy, batch, filters: F } = a;
  const db = new Float32Array(F);
  for (let fi = 0; fi < F; fi++) {
    let acc = 0;
    for (let n = 0; n < batch; n++) {
      const base = (n * F + fi) * outH * outW;
      for (let j = 0; j < outH * outW; j++) acc = f(acc + dy[base + j]!);
    }
    db[fi] = acc;
  }
  return db;
}

function inputGrad(a: Conv2dBackwardArgs, { outH, outW, pad }: Geometry): Float32Array {
  const { w, dy, batch, channels: C, height: H, width: W, filters: F, kernel: K } = a;
  const dx = new Float32Array(batch * C * H * W);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < C; c++) {
      for (let iy = 0; iy < H; iy++) {
        for (let ix = 0; ix < W; ix++) {
          let acc = 0;
          for (let fi = 0; fi < F; fi++) {
            const dyf = (n * F + fi) * outH;
            const wc = (fi * C + c) * K;
            for (let ky = 0; ky < K; ky++) {
              const oy = iy - ky + pad;
              if (oy < 0 || oy >= outH) continue;
              for (let kx = 0; kx < K; kx++) {
                const ox = ix - kx + pad;
                if (ox < 0 || ox >= outW) continue;
                acc = f(acc + f(dy[(dyf + oy) * outW + ox]! * w[(wc + ky) * K + kx]!));
              }
            }
          }
          dx[((n * C + c) * H + iy) * W + ix] = acc;
        }
      }
    }
  }
  return dx;
}

/**
 * The valid-padding patch matrix [batch · outH · outW, channels · kernel²]: row (n, oy, ox)
 * holds x[n, c, oy+ky, ox+kx] in (c, ky, kx) order (im2col).
 */
function patches(a: Conv2dForwardArgs, outH: number, outW: number): Float32Array {
  const { x, batch, channels: C, height: H, width: W, kernel: K } = a;
  const len = C * K * K;
  const m = new Float32Array(batch * outH * outW * len);
  let at = 0;
  for (let n = 0; n < batch; n++)
    for (let oy = 0; oy < outH; oy++)
      for (let ox = 0; ox < outW; ox++)
        for (let c = 0; c < C; c++)
          for (let ky = 0; ky < K; ky++) {
            const row = ((n * C + c) * H + oy + ky) * W + ox;
            for (let kx = 0; kx < K; kx++) m[at++] = x[row + kx]!;
          }
  return m;
}
