import { sha256 } from '@noble/hashes/sha2';
import { utf8ToBytes } from '@noble/hashes/utils';
import { BaseError } from '@tensorgrid/protocol';
import type { Batch } from '../model/network';
import { createPrfStream, type PrfStream } from '../prf/prf-stream';
import type { DatasetSpec } from './dataset-spec';
import { datasetInputShape } from './dataset-spec';

/** Examples in memory: inputs [count, inputSize] (float32) and labels. */
export interface Dataset extends Batch {
  inputShape: number[];
  classes: number;
}

/** Which examples to draw: the training split, or a held-out split named by a fresh seed. */
export interface DatasetDraw {
  spec: DatasetSpec;
  /** `train` for the training set; a verifier's held-out draw uses a seed revealed after the commitment. */
  split: string;
  /** How many examples; defaults to spec.size. */
  count?: number;
}

/**
 * Draws a seed-generated dataset. The distribution comes from SHA-256(spec.seed) alone; the
 * examples from PRF(that, "data/<split>"), so a held-out split follows the same distribution
 * but holds examples the solver never trained on. Pure and deterministic (no `Math.random`,
 * own log for Gaussian draws).
 * @param draw - spec, split and count
 */
export function generateDataset(draw: DatasetDraw): Dataset {
  return datasetSampler(draw)(draw.count ?? draw.spec.size);
}

/**
 * The examples of a seed-generated split in order, a few at a time: each call returns the
 * next `count` examples of the split's stream, so calls of 64 and 64 give what one
 * {@link generateDataset} of 128 gives. The examples are independent draws, so any prefix is
 * a fair sample of the distribution (what a verifier's sequential held-out test needs).
 * @param draw - spec and split (`count` is ignored)
 */
export function datasetSampler(draw: DatasetDraw): (count: number) => Dataset {
  const { spec } = draw;
  if (spec.kind === 'tabular') throw new BaseError('VALIDATION_FAILED', 'A tabular dataset is not seed-generated: load its bytes with loadDataset', { data: { kind: spec.kind } });
  const root = sha256(utf8ToBytes(spec.seed));
  const rng = createPrfStream({ seed: root, label: `data/${draw.split}` });
  const inputShape = datasetInputShape(spec);
  const inputSize = inputShape.reduce((a, b) => a * b, 1);
  const centres = spec.kind === 'gaussian-mixture' ? mixtureCentres(root, spec.classes * spec.dim) : undefined;
  return (count) => {
    const inputs = new Float32Array(count * inputSize);
    const labels = new Uint32Array(count);
    for (let n = 0; n < count; n++) {
      const label = rng.nextBelow(spec.classes);
      labels[n] = label;
      const example = inputs.subarray(n * inputSize, (n + 1) * inputSize);
      if (spec.kind === 'gaussian-mixture') {
        for (let d = 0; d < spec.dim; d++) example[d] = centres![label * spec.dim + d]! + spec.spread * rng.nextGaussian();
      } else {
        drawShape({ image: example, side: spec.side, label }, rng);
        for (let i = 0; i < inputSize; i++) example[i] = example[i]! + spec.noise * rng.nextGaussian();
      }
    }
    return { inputs, labels, count, inputShape, classes: spec.classes };
  };
}

function mixtureCentres(root: Uint8Array, count: number): number[] {
  const centreRng = createPrfStream({ seed: root, label: 'mixture/centres' });
  return Array.from({ length: count }, () => 2 * centreRng.nextFloat() - 1);
}

function drawShape(target: { image: Float32Array; side: number; label: number }, rng: PrfStream): void {
  const { image, side, label } = target;
  const set = (y: number, x: number): void => {
    if (y >= 0 && y < side && x >= 0 && x < side) image[y * side + x] = 1;
  };
  if (label === 0) {
    const y = rng.nextBelow(side);
    for (let x = 0; x < side; x++) set(y, x);
  } else if (label === 1) {
    const x = rng.nextBelow(side);
    for (let y = 0; y < side; y++) set(y, x);
  } else if (label === 2) {
    const shift = rng.nextBelow(5) - 2;
    for (let y = 0; y < side; y++) set(y, y + shift);
  } else {
    const y0 = rng.nextBelow(side - 2);
    const x0 = rng.nextBelow(side - 2);
    for (let y = y0; y < y0 + 3; y++) for (let x = x0; x < x0 + 3; x++) set(y, x);
  }
}
