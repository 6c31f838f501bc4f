import { z } from 'zod';
import { PROTOCOL_VERSION } from '../common';

/**
 * `workload.report`: the worker agent lists GPU compute processes it did not start. A busy
 * (hired) device that reports any is blocked: it runs foreign workloads on hired GPUs.
 */
export const foreignWorkloadReportSchema = z.strictObject({
  type: z.literal('workload.report'),
  v: z.literal(PROTOCOL_VERSION),
  foreignProcesses: z.array(z.strictObject({ pid: z.number().int().min(0), name: z.string().max(300) })).max(256),
});
/** A `workload.report` message. */
export type ForeignWorkloadReport = z.infer<typeof foreignWorkloadReportSchema>;
