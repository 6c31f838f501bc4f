const f = Math.fround;

/**
 * out[r·cols + c] = Σ_k a[r·len + k]·b[c·len + k], each sum left to right over k in float32.
 * Four columns are computed side by side (sharing the loads of a's row): that changes the
 * speed, never the order inside any one sum, so the bits are the canonical ones.
 * @param m - a [rows, len], b [cols, len], and the [rows, cols] output
 */
export function rowDots(m: { a: Float32Array; b: Float32Array; rows: number; cols: number; len: number; out: Float32Array }): void {
  const { a, b, rows, cols, len, out } = m;
  for (let r = 0; r < rows; r++) {
    const ar = r * len;
    let c = 0;
    for (; c + 3 < cols; c += 4) {
      const b0 = c * len;
      const b1 = b0 + len;
      const b2 = b1 + len;
      const b3 = b2 + len;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < len; k++) {
        const v = a[ar + k]!;
        s0 = f(s0 + f(v * b[b0 + k]!));
        s1 = f(s1 + f(v * b[b1 + k]!));
        s2 = f(s2 + f(v * b[b2 + k]!));
        s3 = f(s3 + f(v * b[b3 + k]!));
      }
      out[r * cols + c] = s0;
      out[r * cols + c + 1] = s1;
      out[r * cols + c + 2] = s2;
      out[r * cols + c + 3] = s3;
    }
    for (; c < cols; c++) {
      const bc = c * len;
      let s = 0;
      for (let k = 0; k < len; k++) s = f(s + f(a[ar + k]! * b[bc + k]!));
      out[r * cols + c] = s;
    }
  }
}

/**
 * The transpose of a row-major [rows, cols] matrix.
 * @param m - the matrix
 * @param rows - its rows
 * @param cols - its columns
 */
export function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(m.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c]!;
  return t;
}

