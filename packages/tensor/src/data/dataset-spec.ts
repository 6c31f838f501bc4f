import { z } from 'zod';
import { tabularSchema } from './tabular-spec';

/** Fields every seed-generated dataset has: the text that fixes its distribution, and its size. */
const generated = {
  seed: z.string().min(1).max(128),
  size: z.number().int().min(1).max(1_000_000),
};

/**
 * Points around `classes` random centres in [−1, 1]^dim with Gaussian noise of standard
 * deviation `spread`: a tabular task for an MLP.
 */
export const gaussianMixtureSchema = z.strictObject({
  kind: z.literal('gaussian-mixture'),
  ...generated,
  classes: z.number().int().min(2).max(64),
  dim: z.number().int().min(1).max(4096),
  spread: z.number().finite().positive().max(10).default(0.5),
});

/**
 * Procedurally drawn 1-channel images of side `side`: class 0 a horizontal bar, 1 a vertical
 * bar, 2 a diagonal, 3 a filled 3×3 square, at random positions, plus Gaussian pixel noise.
 * A task a small CNN learns and an MLP finds harder.
 */
export const shapesSchema = z.strictObject({
  kind: z.literal('shapes'),
  ...generated,
  classes: z.number().int().min(2).max(4),
  side: z.number().int().min(4).max(64),
  noise: z.number().finite().min(0).max(10).default(0.2),
});

/** A dataset: seed-generated (`gaussian-mixture`, `shapes`) or real bytes (`tabular`). */
export const datasetSpecSchema = z.discriminatedUnion('kind', [gaussianMixtureSchema, shapesSchema, tabularSchema]);

export type DatasetSpec = z.infer<typeof datasetSpecSchema>;

/**
 * The input shape a dataset's examples have: [dim], [1, side, side] or a tabular set's `shape`.
 * @param spec - the dataset spec
 */
export function datasetInputShape(spec: DatasetSpec): number[] {
  if (spec.kind === 'tabular') return spec.shape ? [...spec.shape] : [spec.dim];
  return spec.kind === 'gaussian-mixture' ? [spec.dim] : [1, spec.side, spec.side];
}

/**
 * The training split's size: `size`, less a tabular file's held-out rows.
 * @param spec - the dataset spec
 */
export function datasetTrainSize(spec: DatasetSpec): number {
  return spec.kind === 'tabular' ? spec.size - (spec.heldOut ?? 0) : spec.size;
}
