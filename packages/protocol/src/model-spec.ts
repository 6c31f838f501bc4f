import { z } from 'zod';

/**
 * The model being trained, for choosing the pipeline and data-parallel degrees. It lives in
 * the protocol (not the scheduler) because `POST /v1/clusters/plan` takes it too; the
 * scheduler's topology file reuses it.
 */
export const modelSpecSchema = z.strictObject({
  /** Layer count: the pipeline degree must divide it. */
  layers: z.number().int().positive(),
  /** Gradient (parameter) volume of the whole model per iteration, GB. A stage syncs gradient_gb / D_PP. */
  gradient_gb: z.number().positive(),
  /** Activation volume of the whole batch at one stage boundary, GB. A pipeline carries activation_gb / D_DP. */
  activation_gb: z.number().positive(),
  /** Compute of one iteration over all devices, TFLOP; with device_tflops it adds a compute term. */
  tflop_per_iteration: z.number().positive().optional(),
  /** Memory the whole model needs while training, GB; a stage needs memory_gb / D_PP on each device. */
  memory_gb: z.number().positive().optional(),
});
/** The model being trained. */
export type ModelSpec = z.infer<typeof modelSpecSchema>;
