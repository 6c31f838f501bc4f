import { createPrfStream } from './prf-stream';

/**
 * The order in which an epoch visits the dataset: a Fisher–Yates shuffle of 0..size−1 whose
 * draws come from PRF(jobSeed, "batch", epoch) with unbiased `nextBelow`. Batch t of the
 * epoch is entries [t·B, (t+1)·B) of it; the solver never claims indices, so it cannot
 * choose its own data.
 * @param jobSeed - the job seed's bytes
 * @param epoch - 0-based epoch
 * @param size - the dataset size
 */
export function epochPermutation(jobSeed: Uint8Array, epoch: number, size: number): Uint32Array {
  const rng = createPrfStream({ seed: jobSeed, label: 'batch', index: epoch });
  const p = new Uint32Array(size);
  for (let i = 0; i < size; i++) p[i] = i;
  for (let i = size - 1; i > 0; i--) {
    const j = rng.nextBelow(i + 1);
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}
