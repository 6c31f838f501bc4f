import { z } from 'zod';
import { addressSchema } from '../common';
import { deviceMatrixSchema, jobShapeFields } from '../model-spec';

/** The fewest and most devices one cluster probe measures. */
export const CLUSTER_SIZE = { min: 2, max: 64 } as const;

/**
 * POST /v1/clusters/plan body: the devices of a cluster (registered and online) probe each
 * other, and the scheduler places a training job on the measured network. The job's shape is
 * what `tgrid scheduler plan --topology` accepts: fixed degrees and volumes (`D_PP`, `D_DP`,
 * `c_dp_gb`, `c_pp_gb`), or a `model` to choose the degrees from.
 */
export const planClusterRequestSchema = z
  .strictObject({
    devices: z.array(addressSchema).min(CLUSTER_SIZE.min).max(CLUSTER_SIZE.max),
    ...jobShapeFields,
    /** Search seed (same seed and matrix, same plan). @default 1 */
    seed: z.number().int().min(0).default(1),
    /** Cost evaluations the search spends. @default 5000 */
    budget: z.number().int().min(1).max(200_000).default(5000),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.devices.forEach((id, i) => {
      const key = id.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['devices', i], message: `device ${id} is listed twice` });
      seen.add(key);
    });
  });
/** POST /v1/clusters/plan body. */
export type PlanClusterRequest = z.input<typeof planClusterRequestSchema>;

/** The measured network, in the topology file format of `tgrid scheduler plan --topology` (labels: the device ids). */
export const measuredTopologySchema = z.object({
  delay_ms: deviceMatrixSchema,
  bandwidth_gbps: deviceMatrixSchema,
  ...jobShapeFields,
  labels: z.array(addressSchema),
});

/** POST /v1/clusters/plan response. */
export const planClusterResponseSchema = z.object({
  topology: measuredTopologySchema,
  plan: z.object({
    /** Data-parallel groups of device ids; group k holds stage `stage_order[k]`. */
    groups: z.array(z.array(addressSchema)),
    stage_order: z.array(z.number().int().min(0)),
    cost_s: z.number(),
    evaluations: z.number().int(),
    D_PP: z.number().int().positive(),
    D_DP: z.number().int().positive(),
    /** Each pipeline: the device of every stage, in stage order. */
    pipelines: z.array(z.array(addressSchema)),
  }),
  probe: z.object({
    /** Device pairs measured now, and pairs reused from a recent probe. */
    measuredPairs: z.number().int().min(0),
    reusedPairs: z.number().int().min(0),
    durationMs: z.number().min(0),
  }),
});
/** POST /v1/clusters/plan response. */
export type PlanClusterResponse = z.infer<typeof planClusterResponseSchema>;
