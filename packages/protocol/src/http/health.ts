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

/** GET /v1/health/outages query: the window's start (ISO 8601); it ends now. */
export const outagesQuerySchema = z.strictObject({ from: z.string().datetime({ offset: true }) });

const outageSchema = z.object({ from: z.string().datetime(), to: z.string().datetime() });

/**
 * GET /v1/health/outages response: when the coordinator was down in [from, to] (to: now), as
 * its processes' runs record it (a gap no run covers). A deadline for an answer only the
 * coordinator can receive, such as a disputed tolerant step's opening, counts only the time
 * outside these (`deadlineCountingUptime`).
 */
export const outagesResponseSchema = z.object({ from: z.string().datetime(), to: z.string().datetime(), outages: z.array(outageSchema) });
/** GET /v1/health/outages response. */
export type OutagesResponse = z.infer<typeof outagesResponseSchema>;
