import { z } from 'zod';

/** Where a real dataset's bytes are: a URL, or the coordinator's content-addressed store (`GET /v1/datasets/<sha256>`; the devnet seeds it). */
export const datasetLocationSchema = z.union([
  z.strictObject({ url: z.string().url().max(2048) }),
  z.strictObject({ store: z.literal('coordinator') }),
]);

/** Where a real dataset's bytes are. */
export type DatasetLocation = z.infer<typeof datasetLocationSchema>;

/**
 * A real dataset: CSV bytes whose SHA-256 the spec fixes (see `parseTabularDataset` for the
 * format). `shape` reads each row's `dim` features as an image ([channels, height, width],
 * row-major) for a CNN; without it the input is the vector [dim]. `heldOut` rows (chosen from
 * the file's hash, see `tabularHeldOutRows`) never enter training: the verifier evaluates the
 * final model on them. Without it the whole file is the training split and the sampled replay
 * alone decides.
 */
export const tabularSchema = z
  .strictObject({
    kind: z.literal('tabular'),
    /** SHA-256 of the file's bytes, 64 lowercase hex characters. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters (SHA-256 of the file)'),
    /** Rows (examples) in the file. */
    size: z.number().int().min(1).max(1_000_000),
    /** Features per row (every column but the last). */
    dim: z.number().int().min(1).max(65_536),
    classes: z.number().int().min(2).max(1024),
    shape: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]).optional(),
    location: datasetLocationSchema,
    /** Rows kept out of training for the verifier's held-out check (fewer than `size`). */
    heldOut: z.number().int().min(1).max(100_000).optional(),
  })
  .refine((s) => !s.shape || s.shape[0] * s.shape[1] * s.shape[2] === s.dim, { path: ['shape'], message: 'must multiply out to dim' })
  .refine((s) => s.heldOut === undefined || s.heldOut < s.size, { path: ['heldOut'], message: 'must leave at least one training row (fewer than size)' });

/** A real dataset's spec. */
export type TabularSpec = z.infer<typeof tabularSchema>;
