import { z } from 'zod';

/** GET /v1/health response. */
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  chainId: z.number().int(),
  /** Which storage the coordinator runs on. */
  storage: z.enum(['sqlite', 'postgres']),
  uptimeS: z.number(),
  time: z.string(),
});
/** GET /v1/health response. */
export type HealthResponse = z.infer<typeof healthResponseSchema>;
