/**
 * max(x, 0) elementwise (−0 and NaN map to 0, so the output bits never depend on how an
 * engine orders a comparison with NaN).
 * @param x - any float32 tensor
 */
export function reluForward(x: Float32Array): Float32Array {
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = x[i]! > 0 ? x[i]! : 0;
  return y;
}

/**
 * dy where the layer's output was positive, else 0 (the subgradient at 0 is 0).
 * @param y - the ReLU's output (or its input: both are > 0 at the same places)
 * @param dy - the gradient with respect to the output
 */
export function reluBackward(y: Float32Array, dy: Float32Array): Float32Array {
  const dx = new Float32Array(y.length);
  for (let i = 0; i < y.length; i++) dx[i] = y[i]! > 0 ? dy[i]! : 0;
  return dx;
}
