import type { JobShareDayStore } from '@tensorgrid/domain';
import {
  BaseError, jobShareDayParamsSchema, jobShareNodeParamsSchema, jobShareNodeQuerySchema, listJobShareDaysQuerySchema, parseOrThrow,
  type JobShareDayResponse, type JobShareEarning, type JobShareNodeResponse, type ListJobShareDaysResponse,
} from '@tensorgrid/protocol';
import type { FastifyInstance } from 'fastify';
import type { JobShareChain } from './core/job-share-chain';
import { toJobShareDaySummary, toJobShareLeafView } from './to-job-share-views';

/** What the public job-share routes read. */
export interface JobShareRoutesDeps {
  store: JobShareDayStore;
  /** Claim status on chain; without it `claimed` is null. */
  chain?: Pick<JobShareChain, 'isClaimed'>;
}

/**
 * The public job-share routes: settled days (paged), one day with every leaf, and one node's
 * day shares with proofs and claim status (what `tgrid rewards claim --job-shares` reads).
 * @param app - the Fastify instance
 * @param deps - the store and, optionally, the chain for claim status
 */
export function registerJobShareRoutes(app: FastifyInstance, deps: JobShareRoutesDeps): void {
  const { store } = deps;

  app.get('/v1/rewards/job-shares', async (request): Promise<ListJobShareDaysResponse> => {
    const query = parseOrThrow(listJobShareDaysQuerySchema, request.query, 'query');
    const days = await store.listDays(query);
    const last = days.at(-1);
    return { days: days.map(toJobShareDaySummary), next: days.length === query.limit && last ? last.day : null };
  });

  app.get('/v1/rewards/job-shares/:day', async (request): Promise<JobShareDayResponse> => {
    const { day } = parseOrThrow(jobShareDayParamsSchema, request.params, 'UTC day');
    const record = await store.getDay(day);
    if (!record) {
      throw new BaseError('JOB_SHARE_DAY_NOT_FOUND', `Job shares of UTC day ${day} have not been settled`, {
        details: 'A day is settled once it has ended, every challenge window of its jobs has closed and no dispute is pending; list settled days with GET /v1/rewards/job-shares.',
        data: { day },
      });
    }
    return { day: toJobShareDaySummary(record), leaves: (await store.leavesOfDay(day)).map(toJobShareLeafView) };
  });

  app.get('/v1/rewards/job-shares/nodes/:address', async (request): Promise<JobShareNodeResponse> => {
    const { address } = parseOrThrow(jobShareNodeParamsSchema, request.params, 'node address');
    const query = parseOrThrow(jobShareNodeQuerySchema, request.query, 'query');
    const node = address.toLowerCase();
    const leaves = await store.leavesOfNode(node, query);
    const earned: JobShareEarning[] = await Promise.all(
      leaves.map(async (leaf) => {
        const posted = (await store.getDay(leaf.day))?.state === 'posted';
        const claimed = !posted ? false : deps.chain ? await deps.chain.isClaimed(leaf) : null;
        return { ...toJobShareLeafView(leaf), posted, claimed };
      }),
    );
    const sum = (pick: (e: JobShareEarning) => boolean) => earned.filter(pick).reduce((s, e) => s + BigInt(e.amount), 0n).toString();
    const last = leaves.at(-1);
    return { node, earned, owed: sum((e) => e.posted && e.claimed !== true), claimed: sum((e) => e.claimed === true), next: leaves.length === query.limit && last ? last.day : null };
  });
}
