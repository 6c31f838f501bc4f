import { z } from 'zod';
import { bytes32Schema } from '../common';

/** GET /v1/health response. */
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  chainId: z.number().int(),
  /** The network's id: signatures are bound to it (see request signing). */
  networkId: bytes32Schema,
  /** Which storage the coordinator runs on. */
  storage: z.enum(['sqlite', 'postgres']),
  uptimeS: z.number(),
  time: z.string(),
});
/** GET /v1/health response. */
export type HealthResponse = z.infer<typeof healthResponseSchema>;
