import { powInt } from '../math/pow-int';
import { sqrt32 } from '../math/sqrt32';
import type { OptimizerSpec } from './optimizer-spec';

const f = Math.fround;

export interface OptimizerUpdate {
  spec: OptimizerSpec;
  /** This step's learning rate (already from the schedule). */
  lr: number;
  /** 1 for the first update: Adam's bias correction uses it. */
  t: number;
  /** Updated in place. */
  params: Float32Array;
  grads: Float32Array;
  /** Updated in place: SGD [velocity], Adam [m, v]. */
  slots: Float32Array[];
}

/**
 * One optimizer update, in place, elementwise in parameter order, every operation rounded
 * to float32 (hyper-parameters are rounded to float32 first).
 * SGD: g = grad + wd·w; v = μ·v + g; w = w − lr·v.
 * Adam: g = grad + wd·w; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
 * w = w − lr·(m / (1−β1^t)) / (√(v / (1−β2^t)) + ε), where β^t is {@link powInt}.
 * It writes every entry of the parameters and the slots, and tells whether none it wrote is
 * NaN: their state hash then needs no scan for NaNs (`markNanFree`), a share of the solver's
 * commitment cost that this loop pays for with a comparison per weight (three for Adam).
 * @param u - the update's inputs
 * @returns whether no entry written is NaN
 */
export function applyOptimizer(u: OptimizerUpdate): boolean {
  return u.spec.kind === 'sgd' ? applySgd(u, u.spec.momentum, u.spec.weightDecay) : applyAdam(u);
}

function applySgd(u: OptimizerUpdate, momentum: number, weightDecay: number): boolean {
  const { params: w, grads, slots } = u;
  const v = slots[0]!;
  const lr = f(u.lr);
  const mu = f(momentum);
  const wd = f(weightDecay);
  let nanFree = true;
  for (let i = 0; i < w.length; i++) {
    const g = wd === 0 ? grads[i]! : f(grads[i]! + f(wd * w[i]!));
    const vi = f(f(mu * v[i]!) + g);
    const wi = f(w[i]! - f(lr * vi));
    v[i] = vi;
    w[i] = wi;
    // A NaN velocity makes the weight NaN too (lr·NaN is NaN): one comparison covers both.
    if (wi !== wi) nanFree = false;
  }
  return nanFree;
}

function applyAdam(u: OptimizerUpdate): boolean {
  if (u.spec.kind !== 'adam') throw new TypeError('not an Adam spec');
  const { params: w, grads, slots } = u;
  const [m, v] = [slots[0]!, slots[1]!];
  const lr = f(u.lr);
  const b1 = f(u.spec.beta1);
  const b2 = f(u.spec.beta2);
  const c1 = f(1 - b1);
  const c2 = f(1 - b2);
  const eps = f(u.spec.eps);
  const wd = f(u.spec.weightDecay);
  const bc1 = f(1 - powInt(b1, u.t));
  const bc2 = f(1 - powInt(b2, u.t));
  let nanFree = true;
  for (let i = 0; i < w.length; i++) {
    const g = wd === 0 ? grads[i]! : f(grads[i]! + f(wd * w[i]!));
    const mi = f(f(b1 * m[i]!) + f(c1 * g));
    const vi = f(f(b2 * v[i]!) + f(c2 * f(g * g)));
    m[i] = mi;
    v[i] = vi;
    const mhat = f(mi / bc1);
    const vhat = f(vi / bc2);
    const wi = f(w[i]! - f(f(lr * mhat) / f(sqrt32(vhat) + eps)));
    w[i] = wi;
    if (mi !== mi || vi !== vi || wi !== wi) nanFree = false;
  }
  return nanFree;
}
