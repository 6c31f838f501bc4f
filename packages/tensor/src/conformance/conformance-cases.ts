import { generateDataset } from '../data/generate-dataset';
import { conv2dBackward, conv2dForward, type Conv2dShape } from '../kernels/conv2d';
import { denseBackward, denseForward } from '../kernels/dense';
import { reluBackward, reluForward } from '../kernels/relu';
import { softmaxCrossEntropy } from '../kernels/softmax-cross-entropy';
import { cosPi } from '../math/cos-pi';
import { exp32 } from '../math/exp32';
import { log32 } from '../math/log32';
import { powInt } from '../math/pow-int';
import { sqrt32 } from '../math/sqrt32';
import { compileModel } from '../model/compile-model';
import { initParams } from '../model/init-params';
import { applyOptimizer } from '../optim/apply-optimizer';
import { learningRate, type LrSchedule } from '../optim/lr-schedule';
import type { OptimizerSpec } from '../optim/optimizer-spec';
import { epochOrder } from '../prf/epoch-order';
import { createPrfStream } from '../prf/prf-stream';
import type { StateHashes } from '../training/state-hash';
import { CONFORMANCE_SEED, conformanceFloats, outputBytes } from './conformance-inputs';
import { runMiniTraining } from './conformance-training';

/** One conformance case: a name and the output bytes whose SHA-256 is the vector. */
export interface ConformanceCase {
  name: string;
  run: (opts: { hashes?: StateHashes }) => Uint8Array;
}

const SPECIALS = [0, -0, Infinity, -Infinity, NaN, 1, -1, 1e-45, 1.1754943508222875e-38, 3.4028234663852886e38];

function mapF32(input: Float32Array, fn: (x: number) => number): Float32Array {
  return input.map(fn);
}

/** exp32 over its whole finite range, near 0 and at the overflow and underflow edges. */
function expInputs(): Float32Array {
  const grid = Array.from({ length: 4096 }, (_, i) => -104 + (193 * i) / 4095);
  const edges = [88.72283935546875, 88.7228469848633, -103.97908020019531, -103.9791, 0.5 * Math.LN2, -0.5 * Math.LN2];
  return Float32Array.from([...grid, ...edges, ...SPECIALS, ...conformanceFloats('exp/small', { n: 512, scale: 1 })]);
}

/** log32 and sqrt32 over positive float32s spread over every exponent (via their bits), and specials. */
function positiveInputs(): Float32Array {
  const rng = createPrfStream({ seed: CONFORMANCE_SEED, label: 'positive-bits' });
  const bits = new Uint32Array(4096);
  for (let i = 0; i < bits.length; i++) bits[i] = rng.nextU32() % 0x7f800000;
  return Float32Array.from([...new Float32Array(bits.buffer), ...SPECIALS, -2, 0.9999999403953552, 1.0000001192092896]);
}

const DENSE = { batch: 5, inDim: 13, outDim: 7 };

function denseCase(): Uint8Array {
  const x = conformanceFloats('dense/x', { n: DENSE.batch * DENSE.inDim, scale: 2 });
  const w = conformanceFloats('dense/w', { n: DENSE.outDim * DENSE.inDim, scale: 0.5 });
  const b = conformanceFloats('dense/b', { n: DENSE.outDim, scale: 0.1 });
  const dy = conformanceFloats('dense/dy', { n: DENSE.batch * DENSE.outDim, scale: 1 });
  const y = denseForward({ x, w, b, ...DENSE });
  const g = denseBackward({ x, w, b, dy, ...DENSE });
  return outputBytes([y, g.dx, g.dw, g.db]);
}

function convCase(padding: Conv2dShape['padding']): Uint8Array {
  const shape: Conv2dShape = { batch: 2, channels: 2, height: 7, width: 6, filters: 3, kernel: 3, padding };
  const x = conformanceFloats('conv/x', { n: 2 * 2 * 7 * 6, scale: 1 });
  const w = conformanceFloats('conv/w', { n: 3 * 2 * 3 * 3, scale: 0.5 });
  const b = conformanceFloats('conv/b', { n: 3, scale: 0.1 });
  const y = conv2dForward({ x, w, b, ...shape });
  const dy = conformanceFloats('conv/dy', { n: y.length, scale: 1 });
  const g = conv2dBackward({ x, w, b, dy, ...shape });
  return outputBytes([y, g.dx, g.dw, g.db]);
}

function softmaxCase(): Uint8Array {
  const logits = conformanceFloats('softmax/logits', { n: 9 * 5, scale: 20 });
  logits[0] = 100; // a large logit: the stable path must not overflow
  const labels = Uint32Array.from({ length: 9 }, (_, i) => (i * 3) % 5);
  const r = softmaxCrossEntropy({ logits, labels, batch: 9, classes: 5 });
  return outputBytes([Float32Array.of(r.loss, r.correct), r.dlogits]);
}

function optimizerCase(spec: OptimizerSpec): Uint8Array {
  const params = conformanceFloats('optim/params', { n: 101, scale: 1 });
  const slots = Array.from({ length: spec.kind === 'sgd' ? 1 : 2 }, () => new Float32Array(101));
  for (let t = 1; t <= 3; t++) applyOptimizer({ spec, lr: 0.01 * t, t, params, grads: conformanceFloats(`optim/grads/${t}`, { n: 101, scale: 1 }), slots });
  return outputBytes([params, ...slots]);
}

function scheduleCase(): Uint8Array {
  const schedules: LrSchedule[] = [
    { kind: 'constant', warmupSteps: 5 },
    { kind: 'step', warmupSteps: 0, every: 10, gamma: 0.3 },
    { kind: 'cosine', warmupSteps: 7, minLr: 0.0001 },
  ];
  const lrs = schedules.flatMap((s) => Array.from({ length: 101 }, (_, t) => learningRate(s, 0.1, { t, totalSteps: 100 })));
  const cos = Array.from({ length: 257 }, (_, i) => cosPi(i / 256));
  const pows = [0.9, 0.999, 0.99, 1.5].flatMap((b) => [0, 1, 2, 7, 100, 1000, 12345].map((n) => powInt(b, n)));
  return outputBytes([Float32Array.from(lrs), Float64Array.from(cos), Float64Array.from(pows)]);
}

function prfCase(): Uint8Array {
  const rng = createPrfStream({ seed: CONFORMANCE_SEED, label: 'prf', index: 7 });
  const u32 = Uint32Array.from({ length: 256 }, () => rng.nextU32());
  const below = Uint32Array.from({ length: 256 }, (_, i) => rng.nextBelow(i + 1));
  const floats = Float64Array.from({ length: 64 }, () => rng.nextFloat());
  const gauss = Float64Array.from({ length: 64 }, () => rng.nextGaussian());
  return outputBytes([u32, below, floats, gauss, Uint32Array.from({ length: 1000 }, (_, i) => epochOrder(CONFORMANCE_SEED, 3, 1000)(i))]);
}

function initCase(): Uint8Array {
  const model = compileModel({ input: [2, 5, 5], layers: [{ type: 'conv2d', filters: 3, kernel: 3, padding: 'valid', activation: 'relu' }, { type: 'flatten' }, { type: 'dense', units: 4, activation: 'linear' }] });
  return outputBytes([initParams(model, CONFORMANCE_SEED)]);
}

function datasetCase(): Uint8Array {
  const mixture = generateDataset({ spec: { kind: 'gaussian-mixture', seed: 'conformance', classes: 4, dim: 6, size: 64, spread: 0.5 }, split: 'train' });
  const shapes = generateDataset({ spec: { kind: 'shapes', seed: 'conformance', classes: 4, side: 6, size: 16, noise: 0.2 }, split: 'held-out' });
  return outputBytes([mixture.inputs, mixture.labels, shapes.inputs, shapes.labels]);
}

/**
 * Every conformance case, in the order of the committed vectors. Inputs come from a fixed
 * PRF seed; each case returns its outputs' bytes, whose SHA-256 must equal the vector.
 */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  { name: 'math/exp32', run: () => outputBytes([mapF32(expInputs(), exp32)]) },
  { name: 'math/log32', run: () => outputBytes([mapF32(positiveInputs(), log32)]) },
  { name: 'math/sqrt32', run: () => outputBytes([mapF32(positiveInputs(), sqrt32)]) },
  { name: 'math/schedules-cos-pow', run: scheduleCase },
  { name: 'prf/stream-permutation', run: prfCase },
  { name: 'kernels/dense', run: denseCase },
  { name: 'kernels/conv2d-valid', run: () => convCase('valid') },
  { name: 'kernels/conv2d-same', run: () => convCase('same') },
  { name: 'kernels/relu', run: () => { const x = conformanceFloats('relu/x', { n: 64, scale: 1 }); return outputBytes([reluForward(x), reluBackward(x, conformanceFloats('relu/dy', { n: 64, scale: 1 }))]); } },
  { name: 'kernels/softmax-cross-entropy', run: softmaxCase },
  { name: 'optim/sgd', run: () => optimizerCase({ kind: 'sgd', momentum: 0.9, weightDecay: 0.01 }) },
  { name: 'optim/adam', run: () => optimizerCase({ kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }) },
  { name: 'model/init', run: initCase },
  { name: 'data/generate', run: datasetCase },
  { name: 'training/mlp-sgd-20', run: ({ hashes }) => runMiniTraining('training/mlp-sgd-20', hashes) },
  { name: 'training/cnn-adam-20', run: ({ hashes }) => runMiniTraining('training/cnn-adam-20', hashes) },
  { name: 'training/mlp-sgd-20-blake3', run: ({ hashes }) => runMiniTraining('training/mlp-sgd-20-blake3', hashes) },
];
