import { z } from 'zod';

const rate = z.number().finite().min(0).max(1);
/** Adam's moment decays: 1 would make the bias correction 1 − β^t zero. */
const decay = z.number().finite().min(0).lt(1, 'must be below 1 (the bias correction divides by 1 − β^t)');

/** SGD with (heavy-ball) momentum and optional L2 weight decay, as in PyTorch's `SGD`. */
export const sgdSpecSchema = z.strictObject({
  kind: z.literal('sgd'),
  momentum: rate.default(0.9),
  weightDecay: z.number().finite().min(0).default(0),
});

/** Adam with bias correction; weight decay is L2 added to the gradient (not AdamW). */
export const adamSpecSchema = z.strictObject({
  kind: z.literal('adam'),
  beta1: decay.default(0.9),
  beta2: decay.default(0.999),
  eps: z.number().finite().positive().default(1e-8),
  weightDecay: z.number().finite().min(0).default(0),
});

export const optimizerSpecSchema = z.discriminatedUnion('kind', [sgdSpecSchema, adamSpecSchema]);

export type SgdSpec = z.infer<typeof sgdSpecSchema>;
export type AdamSpec = z.infer<typeof adamSpecSchema>;
export type OptimizerSpec = z.infer<typeof optimizerSpecSchema>;

/**
 * How many float32 buffers of parameter size the optimizer keeps (its state, hashed into
 * every step commitment): SGD one velocity, Adam the two moments m and v.
 * @param spec - the optimizer
 */
export function optimizerSlotCount(spec: OptimizerSpec): number {
  return spec.kind === 'sgd' ? 1 : 2;
}
