import {
  BaseError, deviceIdParamsSchema, explorerChallengesQuerySchema, explorerDevicesQuerySchema, explorerRewardsQuerySchema, explorerUptimeQuerySchema, parseOrThrow,
  type ExplorerChallengesResponse, type ExplorerDevice, type ExplorerDevicesResponse, type ExplorerRewardsResponse, type ExplorerUptimeResponse,
} from '@tensorgrid/protocol';
import type { FastifyInstance } from 'fastify';
import type { ExplorerService } from './explorer-service';

const DAY_MS = 86_400_000;
const MAX_UPTIME_WINDOW_MS = 90 * DAY_MS;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The public explorer: read-only, unauthenticated routes under /v1/explorer. Every query is
 * validated (`VALIDATION_FAILED` names each bad field); see `packages/protocol/src/http/explorer.ts`
 * for what is shown and what is deliberately not.
 * @param app - the Fastify instance
 * @param deps - the explorer service and the clock
 */
export function registerExplorerRoutes(app: FastifyInstance, deps: { explorer: ExplorerService; now: () => number }): void {
  const { explorer } = deps;

  app.get('/v1/explorer/devices', async (request): Promise<ExplorerDevicesResponse> => {
    const q = parseOrThrow(explorerDevicesQuerySchema, request.query, 'explorer query (see GET /v1/explorer/devices: state, gpuModel, country, tier, simulated, minScore, eligible, limit ≤ 100, after)');
    return explorer.list({
      limit: q.limit,
      ...(q.state === undefined ? {} : { state: q.state }),
      ...(q.gpuModel === undefined ? {} : { gpuModel: q.gpuModel }),
      ...(q.country === undefined ? {} : { country: q.country }),
      ...(q.tier === undefined ? {} : { tier: q.tier }),
      ...(q.simulated === undefined ? {} : { simulated: q.simulated }),
      ...(q.minScore === undefined ? {} : { minScore: q.minScore }),
      ...(q.eligible === undefined ? {} : { eligible: q.eligible }),
      ...(q.after === undefined ? {} : { after: q.after }),
    });
  });

  app.get('/v1/explorer/devices/:id', async (request): Promise<ExplorerDevice> => {
    const { id } = parseOrThrow(deviceIdParamsSchema, request.params, 'device id');
    return explorer.get(id);
  });

  app.get('/v1/explorer/devices/:id/uptime', async (request): Promise<ExplorerUptimeResponse> => {
    const { id } = parseOrThrow(deviceIdParamsSchema, request.params, 'device id');
    const q = parseOrThrow(explorerUptimeQuerySchema, request.query, 'uptime window (from, to: ISO times, at most 90 days apart)');
    const toMs = q.to === undefined ? deps.now() : Date.parse(q.to);
    const fromMs = q.from === undefined ? toMs - 7 * DAY_MS : Date.parse(q.from);
    if (toMs - fromMs > MAX_UPTIME_WINDOW_MS || fromMs >= toMs) {
      const message = 'the window must be non-empty and at most 90 days apart';
      throw new BaseError('VALIDATION_FAILED', `Invalid uptime window: from: ${message}`, {
        data: { issues: [{ path: 'from', message }] },
        details: 'Ask for at most 90 days at a time and page through longer spans.',
      });
    }
    const u = await explorer.uptime(id, { fromMs, toMs });
    return {
      deviceId: id.toLowerCase(),
      from: iso(fromMs),
      to: iso(toMs),
      changes: u.changes.map((c) => ({ at: iso(c.at), up: c.up })),
      upMs: u.upMs,
      forgivenMs: u.forgivenMs,
      degradedIntervals: u.degraded.map((i) => ({ from: iso(i.from), to: iso(i.to) })),
    };
  });

  app.get('/v1/explorer/devices/:id/challenges', async (request): Promise<ExplorerChallengesResponse> => {
    const { id } = parseOrThrow(deviceIdParamsSchema, request.params, 'device id');
    const { limit, before } = parseOrThrow(explorerChallengesQuerySchema, request.query, 'challenges query (limit ≤ 100, before: the next of the previous page)');
    const page = await explorer.challenges(id, { limit, before });
    return {
      challenges: page.items.map((r) => ({ id: r.id, kind: r.kind, issuedAt: iso(r.issuedAt), finishedAt: iso(r.finishedAt), passed: r.passed, reason: r.reason, metrics: r.metrics })),
      next: page.next,
    };
  });

  app.get('/v1/explorer/devices/:id/rewards', async (request): Promise<ExplorerRewardsResponse> => {
    const { id } = parseOrThrow(deviceIdParamsSchema, request.params, 'device id');
    const { limit, before } = parseOrThrow(explorerRewardsQuerySchema, request.query, 'rewards query (limit ≤ 100, before: the next of the previous page)');
    const page = await explorer.rewards(id, { limit, before });
    return {
      rewards: page.items.map((r) => ({ epoch: r.epoch, pool: r.pool, amount: r.amount.toString(), postedAt: r.postedAt === null ? null : iso(r.postedAt) })),
      next: page.next,
    };
  });
}
