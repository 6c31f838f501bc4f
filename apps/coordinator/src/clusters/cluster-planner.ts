import { BaseError, isBaseError, type ModelSpec, type PlanClusterResponse, type planClusterRequestSchema } from '@tensorgrid/protocol';
import { DTFM_C_DP_GB, DTFM_C_PP_GB, degreeOptions, planPlacement, topologyFromProbes, topologySchema, type LinkProbe } from '@tensorgrid/scheduler';
import type { z } from 'zod';
import type { ExplorerService } from '../explorer/explorer-service';
import type { RegistryService } from '../registry/registry-service';
import type { ClusterProbeChannel } from './cluster-probe-channel';
import { assignProbePairs, pairKey } from './core/assign-probe-pairs';
import { failedProbeError, probeCluster, type ClusterProbeOptions } from './probe-cluster';

/** Options of the cluster planner. */
export interface ClusterPlannerOptions {
  probe: ClusterProbeOptions;
  /** Cluster probes running at once; a request beyond them is refused (UNAVAILABLE, retryable). @default 1 */
  maxConcurrentProbes: number;
  /** A pair measured less than this long ago is reused instead of probed again, ms. */
  linkTtlMs: number;
  /** Wall-clock limit of the placement search, ms. */
  planTimeLimitMs: number;
}

/** Plans training on a cluster measured now; see {@link createClusterPlanner}. */
export interface ClusterPlanner {
  plan(request: z.output<typeof planClusterRequestSchema>): Promise<PlanClusterResponse>;
}

/**
 * The job assumed when a request gives no shape: DT-FM's GPT-3 XL (24 layers; 8 stages of
 * DTFM_C_DP_GB gradient each, 8 pipelines of DTFM_C_PP_GB activations each), so the
 * scheduler chooses the degrees that fit the cluster's size.
 */
export const DEFAULT_CLUSTER_MODEL: ModelSpec = { layers: 24, gradient_gb: DTFM_C_DP_GB * 8, activation_gb: DTFM_C_PP_GB * 8 };

const ONLINE = new Set(['available', 'busy']);

/**
 * Plans a training job on a cluster whose links are measured now: the devices probe each
 * other (see `probe-cluster.ts`), the probes become the scheduler's matrices, and the
 * scheduler places the job. Everything is checked before any probe starts: the job's shape
 * must fit the cluster, every device must be registered, online and connected, and eligible
 * to be hired (past its trial, scoring at least the threshold, not down too long or blocked:
 * the explorer's eligibility).
 *
 * Probing spends suppliers' bandwidth, so its cost is bounded: a cluster has at most 64
 * devices (the request schema), each pair moves at most `probe.bytes` once, at most
 * `maxConcurrentProbes` probes run at once (others are refused, not queued, so a flood of
 * requests cannot line up work), and a pair measured within `linkTtlMs` is reused, so asking
 * again for the same devices costs them nothing. A buyer's paid lease will gate this once
 * the market exists; until then these bounds are the protection.
 * @param deps - the registry, the explorer (eligibility), the devices' channel and a clock
 * @param options - probe sizes and limits
 */
export function createClusterPlanner(deps: { registry: RegistryService; explorer: Pick<ExplorerService, 'get'>; channel: ClusterProbeChannel; now: () => number }, options: ClusterPlannerOptions): ClusterPlanner {
  const links = new Map<string, { probe: LinkProbe; at: number }>();
  let running = 0;

  function shapeOf(request: z.output<typeof planClusterRequestSchema>) {
    const { devices: _devices, seed: _seed, budget: _budget, ...given } = request;
    const shape = Object.keys(given).length ? given : { model: DEFAULT_CLUSTER_MODEL };
    const n = request.devices.length;
    // The shape is checked on a placeholder network before anyone spends bandwidth.
    const placeholder = topologySchema.safeParse({ ...shape, delay_ms: square(n, 0), bandwidth_gbps: square(n, 1) });
    if (!placeholder.success) {
      throw new BaseError('VALIDATION_FAILED', `The job does not fit ${n} devices: ${placeholder.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    if (!degreeOptions(placeholder.data).some((o) => o.kind === 'feasible')) throw new BaseError('VALIDATION_FAILED', `No pipeline/data-parallel degrees fit ${n} devices`);
    return shape;
  }

  async function checkDevices(ids: readonly string[]): Promise<void> {
    const found = await Promise.all(ids.map((id) => deps.registry.get(id).catch((err: unknown) => (isBaseError(err) && err.code === 'DEVICE_NOT_FOUND' ? undefined : Promise.reject(err)))));
    const missing = ids.filter((_, i) => !found[i]);
    if (missing.length) throw new BaseError('DEVICE_NOT_FOUND', `${missing.length} devices are not registered: ${missing.join(', ')}`, { data: { devices: missing } });
    const offline = ids.filter((id, i) => !ONLINE.has(found[i]!.state) || !deps.channel.hostOf(id));
    if (offline.length) {
      throw new BaseError('DEVICES_UNAVAILABLE', `${offline.length} devices are not online: ${offline.join(', ')}`, {
        data: { devices: offline, states: Object.fromEntries(offline.map((id) => [id, found[ids.indexOf(id)]!.state])) },
        details: 'Every device of a cluster must be available (or busy) with its worker connected.',
      });
    }
    const standing = await Promise.all(ids.map((id) => deps.explorer.get(id)));
    const ineligible = standing.filter((d) => !d.eligibility.eligible);
    if (ineligible.length) {
      throw new BaseError('DEVICES_INELIGIBLE', `${ineligible.length} devices may not be hired now: ${ineligible.map((d) => `${d.id} (${d.eligibility.reasons.map((r) => r.code).join(', ')})`).join('; ')}`, {
        data: { devices: ineligible.map((d) => d.id), reasons: Object.fromEntries(ineligible.map((d) => [d.id, d.eligibility.reasons])) },
        details: 'A new device waits out its trial; one scoring below the threshold, down too long or blocked is out of the market. Find hireable ones with `tgrid devices list --eligible`.',
      });
    }
  }

  async function measure(ids: readonly string[]): Promise<{ probes: LinkProbe[]; measuredPairs: number; reusedPairs: number }> {
    const now = deps.now();
    for (const [key, link] of links) if (now - link.at >= options.linkTtlMs) links.delete(key);
    const fresh = new Set(assignProbePairs(ids).map((p) => pairKey(p.prober, p.target)).filter((k) => links.has(k)));
    const pairs = assignProbePairs(ids, fresh);
    const outcome = pairs.length ? await probeCluster(deps.channel, pairs, options.probe) : { probes: [], failed: [], deviceFailures: {} };
    if (outcome.failed.length) throw failedProbeError(outcome);
    for (const probe of outcome.probes) links.set(pairKey(probe.from, probe.to), { probe, at: deps.now() });
    return { probes: [...fresh].map((k) => links.get(k)!.probe).concat(outcome.probes), measuredPairs: pairs.length, reusedPairs: fresh.size };
  }

  return {
    async plan(request) {
      const ids = request.devices.map((d) => d.toLowerCase());
      const shape = shapeOf(request);
      await checkDevices(ids);
      if (running >= options.maxConcurrentProbes) {
        throw new BaseError('UNAVAILABLE', 'Too many cluster probes are running', { details: 'Probing spends suppliers\' bandwidth, so few run at once; retry in a minute.' });
      }
      running++;
      const started = performance.now();
      try {
        const measured = await measure(ids);
        const topology = topologyFromProbes(ids, measured.probes, shape);
        const plan = planPlacement(topology, { seed: request.seed, budget: request.budget, timeLimitMs: options.planTimeLimitMs });
        const idOf = (d: number) => ids[d]!;
        return {
          topology: { ...topology, labels: ids },
          plan: {
            groups: plan.groups.map((g) => g.map(idOf)),
            stage_order: plan.stageOrder,
            cost_s: plan.costS,
            evaluations: plan.evaluations,
            D_PP: plan.dPP,
            D_DP: plan.dDP,
            pipelines: plan.pipelines.map((p) => p.map(idOf)),
          },
          probe: { measuredPairs: measured.measuredPairs, reusedPairs: measured.reusedPairs, durationMs: performance.now() - started },
        };
      } finally {
        running--;
      }
    },
  };
}

const square = (n: number, value: number) => Array.from({ length: n }, () => new Array<number>(n).fill(value));
