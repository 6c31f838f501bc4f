import { deviceMatrixSchema, jobShapeFields, modelSpecSchema, type ModelSpec } from '@tensorgrid/protocol';
import { z } from 'zod';

export { modelSpecSchema, type ModelSpec };

/**
 * A scheduling problem, as `tgrid scheduler plan --topology` reads it. `delay_ms[i][j]` and
 * `bandwidth_gbps[i][j]` are the measured latency and bandwidth between devices i and j
 * (asymmetric values are averaged; the diagonal is unused). Either give the degrees and
 * sizes (`D_PP`, `D_DP`, `c_dp_gb`, `c_pp_gb`, as DT-FM does), or a `model` and let the
 * scheduler choose the degrees.
 */
export const topologySchema = z
  .strictObject({
    delay_ms: deviceMatrixSchema,
    bandwidth_gbps: deviceMatrixSchema,
    ...jobShapeFields,
    /** Per-device compute speed, TFLOPS; with model.tflop_per_iteration the slowest device of a stage bounds it. */
    device_tflops: z.array(z.number().positive()).optional(),
    /** Per-device memory, GB; with model.memory_gb, degrees that do not fit are ruled out. */
    device_memory_gb: z.array(z.number().positive()).optional(),
    /** Optional names of the devices (e.g. their ids), echoed in plans. */
    labels: z.array(z.string()).optional(),
  })
  .superRefine((t, ctx) => {
    const n = t.delay_ms.length;
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (n < 1) issue(['delay_ms'], 'needs at least one device');
    t.delay_ms.forEach((row, i) => row.length !== n && issue(['delay_ms', i], `row has ${row.length} entries, expected ${n}`));
    if (t.bandwidth_gbps.length !== n) issue(['bandwidth_gbps'], `has ${t.bandwidth_gbps.length} rows, expected ${n}`);
    t.bandwidth_gbps.forEach((row, i) => {
      if (row.length !== n) issue(['bandwidth_gbps', i], `row has ${row.length} entries, expected ${n}`);
      row.forEach((b, j) => i !== j && b <= 0 && issue(['bandwidth_gbps', i, j], 'must be positive off the diagonal'));
    });
    for (const key of ['device_tflops', 'device_memory_gb', 'labels'] as const) {
      const list = t[key];
      if (list && list.length !== n) issue([key], `has ${list.length} entries, expected ${n}`);
    }
    const fixed = t.D_PP !== undefined || t.D_DP !== undefined;
    if (fixed) {
      if (t.D_PP === undefined || t.D_DP === undefined) issue(['D_PP'], 'give both D_PP and D_DP, or neither');
      else if (t.D_PP * t.D_DP !== n) issue(['D_DP'], `D_PP × D_DP = ${t.D_PP * t.D_DP} must equal the device count ${n}`);
      if (!t.model && (t.c_dp_gb === undefined || t.c_pp_gb === undefined)) issue(['c_dp_gb'], 'with fixed degrees give c_dp_gb and c_pp_gb, or a model');
    } else if (!t.model) {
      issue(['model'], 'give D_PP, D_DP, c_dp_gb and c_pp_gb, or a model to choose the degrees from');
    }
  });

/** A scheduling problem. */
export type Topology = z.infer<typeof topologySchema>;
