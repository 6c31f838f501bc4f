import { z } from 'zod';

const activation = z.enum(['relu', 'linear']).default('linear');

/** A fully connected layer; a multi-dimensional input is flattened first (NCHW order). */
export const denseLayerSchema = z.strictObject({ type: z.literal('dense'), units: z.number().int().min(1).max(4096), activation });

/** A stride-1 square convolution over a [channels, height, width] input. */
export const conv2dLayerSchema = z.strictObject({
  type: z.literal('conv2d'),
  filters: z.number().int().min(1).max(256),
  kernel: z.number().int().min(1).max(11),
  padding: z.enum(['valid', 'same']).default('valid'),
  activation,
});

/** [channels, height, width] → [channels · height · width] (a no-op on the data). */
export const flattenLayerSchema = z.strictObject({ type: z.literal('flatten') });

export const layerSpecSchema = z.discriminatedUnion('type', [denseLayerSchema, conv2dLayerSchema, flattenLayerSchema]);

/**
 * A JSON-able classifier: the input shape ([features] or [channels, height, width]) and the
 * layers in order. The last layer must be a linear dense layer whose units are the classes;
 * the loss is always softmax cross-entropy.
 */
export const modelSpecSchema = z.strictObject({
  input: z.union([z.tuple([z.number().int().min(1).max(65536)]), z.tuple([z.number().int().min(1).max(64), z.number().int().min(1).max(256), z.number().int().min(1).max(256)])]),
  layers: z.array(layerSpecSchema).min(1).max(32),
});

export type LayerSpec = z.infer<typeof layerSpecSchema>;
export type ModelSpec = z.infer<typeof modelSpecSchema>;
