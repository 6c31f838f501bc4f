import { outagesSince, type ServiceUptimeStore } from '@tensorgrid/domain';
import { outagesQuerySchema, parseOrThrow, type OutagesResponse } from '@tensorgrid/protocol';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock';

/**
 * GET /v1/health/outages?from=<ISO time>: when the coordinator was down from `from` (or its first
 * recorded run, if later) until now, from its processes' runs (the referee counts a tolerant
 * dispute's opening window outside them).
 * @param app - the Fastify instance
 * @param deps - the runs and the clock
 */
export function registerOutageRoutes(app: FastifyInstance, deps: { uptime: ServiceUptimeStore; clock: Clock }): void {
  app.get('/v1/health/outages', async (request): Promise<OutagesResponse> => {
    const { from } = parseOrThrow(outagesQuerySchema, request.query, 'outages query');
    const to = deps.clock.now();
    const { fromMs, outages } = await outagesSince(deps.uptime, { fromMs: Date.parse(from), toMs: to });
    const iso = (ms: number) => new Date(ms).toISOString();
    return { from: iso(fromMs), to: iso(to), outages: outages.map((o) => ({ from: iso(o.from), to: iso(o.to) })) };
  });
}
