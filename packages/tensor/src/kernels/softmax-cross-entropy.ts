import { exp32 } from '../math/exp32';
import { log32 } from '../math/log32';

const f = Math.fround;

export interface SoftmaxCrossEntropyArgs {
  /** [batch, classes], float32. */
  logits: Float32Array;
  /** The true class of each example, in [0, classes). */
  labels: Uint32Array;
  batch: number;
  classes: number;
}

export interface SoftmaxCrossEntropyResult {
  /** Mean cross-entropy over the batch (float32). */
  loss: number;
  /** d loss / d logits [batch, classes]: (softmax − one-hot) / batch. */
  dlogits: Float32Array;
  /** Examples whose largest logit (first one on ties) is the true class. */
  correct: number;
}

/**
 * Softmax cross-entropy, numerically stable and deterministic: per example m = max_k z_k,
 * s = Σ_k exp32(z_k − m) (k upward), loss_n = m + log32(s) − z_label; the batch loss is
 * the float32 left-to-right sum of loss_n divided by batch. Uses the package's own
 * exp32/log32, never `Math.exp`/`Math.log`.
 * @param a - logits, labels and shape
 */
export function softmaxCrossEntropy(a: SoftmaxCrossEntropyArgs): SoftmaxCrossEntropyResult {
  const { logits, labels, batch, classes } = a;
  const dlogits = new Float32Array(batch * classes);
  const e = new Float32Array(classes);
  let total = 0;
  let correct = 0;
  for (let n = 0; n < batch; n++) {
    const base = n * classes;
    const label = labels[n]!;
    if (label >= classes) throw new RangeError(`label ${label} is not below ${classes} classes`);
    let m = logits[base]!;
    let argmax = 0;
    for (let k = 1; k < classes; k++) {
      if (logits[base + k]! > m) {
        m = logits[base + k]!;
        argmax = k;
      }
    }
    if (argmax === label) correct++;
    let s = 0;
    for (let k = 0; k < classes; k++) {
      e[k] = exp32(f(logits[base + k]! - m));
      s = f(s + e[k]!);
    }
    const lse = f(m + log32(s));
    total = f(total + f(lse - logits[base + label]!));
    for (let k = 0; k < classes; k++) {
      const p = f(e[k]! / s);
      dlogits[base + k] = f(f(k === label ? p - 1 : p) / batch);
    }
  }
  return { loss: f(total / batch), dlogits, correct };
}
