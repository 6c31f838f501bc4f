import type { HealthResponse, SigningDomain } from '@tensorgrid/protocol';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock';

/**
 * GET /v1/health: liveness and the facts a client needs (chain and network ids, storage, version).
 * @param app - the Fastify instance
 * @param deps - version, signing domain, storage kind, clock and start time
 */
export function registerHealthRoutes(app: FastifyInstance, deps: { version: string; domain: SigningDomain; storage: 'sqlite' | 'postgres'; clock: Clock; startedAt: number }): void {
  app.get('/v1/health', async (): Promise<HealthResponse> => {
    const now = deps.clock.now();
    return { status: 'ok', version: deps.version, chainId: deps.domain.chainId, networkId: deps.domain.networkId, storage: deps.storage, uptimeS: (now - deps.startedAt) / 1000, time: new Date(now).toISOString() };
  });
}
