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

/**
 * A training job's shape as every placement input states it (the topology file, the cluster
 * plan request and its measured topology): fixed degrees and volumes, as DT-FM gives them,
 * or a `model` to choose the degrees from.
 */
export const jobShapeFields = {
  D_PP: z.number().int().positive().optional(),
  D_DP: z.number().int().positive().optional(),
  /** Gradient volume one stage synchronises, GB (DT-FM's c_DP). */
  c_dp_gb: z.number().positive().optional(),
  /** Activation volume of one macro-batch between stages, GB (DT-FM's c_PP). */
  c_pp_gb: z.number().positive().optional(),
  model: modelSpecSchema.optional(),
};

/** A device-by-device matrix of non-negative numbers (delays in ms, bandwidths in Gbit/s). */
export const deviceMatrixSchema = z.array(z.array(z.number().finite().min(0)));
