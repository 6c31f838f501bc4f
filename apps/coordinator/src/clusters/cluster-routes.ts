import { parseOrThrow, planClusterRequestSchema, type PlanClusterResponse } from '@tensorgrid/protocol';
import type { FastifyInstance } from 'fastify';
import type { ClusterPlanner } from './cluster-planner';

/**
 * `POST /v1/clusters/plan`: the named devices probe each other's latency and bandwidth now,
 * and the scheduler places the job on the measured network. The answer holds the matrices
 * in the topology file format of `tgrid scheduler plan --topology` (labels: the device ids)
 * and the plan over device ids. See `createClusterPlanner` for the bounds on probing.
 * @param app - the Fastify instance
 * @param deps - the cluster planner
 */
export function registerClusterRoutes(app: FastifyInstance, deps: { planner: ClusterPlanner }): void {
  app.post('/v1/clusters/plan', async (request): Promise<PlanClusterResponse> => deps.planner.plan(parseOrThrow(planClusterRequestSchema, request.body, 'cluster plan body')));
}
