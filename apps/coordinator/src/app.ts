import websocket from '@fastify/websocket';
import type { ChallengeResultStore, DegradedModeStore, DeviceDirectory, DeviceNetworkStore, DeviceStore, EligibilityPolicy, LivenessHistoryStore, JobChallengeStore, JobIndexStore, JobShareDayStore, NonceStore, RewardBlockStore, ServiceUptimeStore } from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { createRequestVerifier } from './auth/request-verifier';
import type { Clock } from './clock';
import { registerHealthRoutes } from './health/health-routes';
import { registerOutageRoutes } from './health/outage-routes';
import { startServiceRun } from './health/service-run';
import { errorHandler } from './http/error-handler';
import { registerRawJsonBody } from './http/raw-json-body';
import { createDeviceEvents } from './registry/device-events';
import { createHeartbeatIngest, type HeartbeatIngest, type HeartbeatIngestOptions } from './registry/heartbeat-ingest';
import { registerRegistryRoutes } from './registry/registry-routes';
import { createRegistryService, type RegistryService } from './registry/registry-service';
import type { RewardAccountChain } from './rewards/read-reward-account';
import { registerRewardsRoutes } from './rewards/rewards-routes';
import type { JobShareChain } from './rewards/core/job-share-chain';
import { registerJobShareRoutes } from './rewards/job-share-routes';
import { registerJobRoutes } from './jobs/job-routes';
import { registerJobAuditRoutes } from './jobs/job-audit-routes';
import { registerJobChallengeRoutes, type VerifierRoles } from './jobs/job-challenge-routes';
import { registerJobContentRoutes, type JobContentStores } from './jobs/job-content-routes';
import { challengeFeature } from './challenges/challenge-feature';
import type { ChallengeAdapterSet, ChallengeKindAdapter } from './challenges/challenge-kind-adapter';
import { createChallengeRunner, type ChallengeRunner } from './challenges/challenge-runner';
import { createClusterPlanner, type ClusterPlannerOptions } from './clusters/cluster-planner';
import { clusterProbeChannel } from './clusters/cluster-probe-channel';
import { registerClusterRoutes } from './clusters/cluster-routes';
import { challengeAdaptersFor } from './challenges/kinds/challenge-adapters-for';
import { createExplorerService, type ExplorerService } from './explorer/explorer-service';
import { registerExplorerRoutes } from './explorer/explorer-routes';
import { noRewardHistory, type RewardHistorySource } from './explorer/reward-history-source';
import { createLivenessService, type LivenessService } from './liveness/liveness-service';
import { createLatencyTracker } from './network/latency-tracker';
import { networkProbeFeature, type NetworkProbe } from './network/network-probe-feature';
import { foreignWorkloadFeature } from './registry/foreign-workload-feature';
import { clusterProbeOptions, supplyOptions, type SupplyOptions } from './supply-options';
import { deviceEventsFeature } from './ws/device-events-feature';
import { heartbeatFeature } from './ws/heartbeat-feature';
import { registerWsGateway, type WsGateway } from './ws/ws-gateway';

/** Everything the coordinator's HTTP app needs, built by a composition root. */
export interface AppDeps {
  devices: DeviceStore;
  nonces: NonceStore;
  clock: Clock;
  chainId: number;
  /** The network's id: signatures are bound to it. */
  networkId: `0x${string}`;
  storage: 'sqlite' | 'postgres';
  version: string;
  /** Supply-side stores: liveness history, degraded mode, network, the explorer's directory, challenges. */
  supply: { history: LivenessHistoryStore; degraded: DegradedModeStore; network: DeviceNetworkStore; directory: DeviceDirectory; challenges: ChallengeResultStore };
  /** A device's rewards for the explorer; none until the rewards context is wired. */
  rewardHistory?: RewardHistorySource;
  /** Hardware challenge kinds and their policies: one list for every device (tests), or a set by kind of device (main.ts: `challengeAdaptersFor(profile, threaded checks)`). @default challengeAdaptersFor('devnet') */
  challengeAdapters?: readonly ChallengeKindAdapter[] | ChallengeAdapterSet;
  /** Who may be hired: trial, score threshold, downtime limits (the explorer shows it, the cluster planner enforces it). @default DEFAULT_ELIGIBILITY_POLICY */
  eligibility?: EligibilityPolicy;
  /** Liveness and network measurement options (see `supplyOptions`). @default supplyOptions() */
  supplyOptions?: SupplyOptions;
  /** Cluster probes (`POST /v1/clusters/plan`): sizes and bounds. @default clusterProbeOptions() */
  clusterOptions?: ClusterPlannerOptions;
  /** Request and error logs; none when absent. */
  logger?: Logger;
  /** Block rewards: the public reward routes are served when present (claim status needs the chain). */
  rewards?: { store: RewardBlockStore; chain?: RewardAccountChain };
  /** Job shares of UTC days: the public routes are served when present (claim status needs the chain). */
  jobShares?: { store: JobShareDayStore; chain?: Pick<JobShareChain, 'isClaimed'> };
  /** The job index: the public job routes are served when present (the indexer fills it, in main.ts). */
  jobs?: JobIndexStore;
  /** The challenge exchange between verifiers and nodes: served with the job index, when the chain's verifier roles can be read. */
  jobChallenges?: { store: JobChallengeStore; roles: VerifierRoles };
  /** The coordinator's up-time record: this app marks its own run in it and serves `/v1/health/outages` when present. */
  uptime?: ServiceUptimeStore;
  /** Datasets and job specs by hash (`/v1/datasets`, `/v1/job-specs`): served when present. */
  jobContent?: JobContentStores;
  options: {
    heartbeatIntervalMs: number;
    signatureToleranceS: number;
    pingIntervalMs: number;
    /** Group commit of WebSocket heartbeats. */
    heartbeatBatch?: HeartbeatIngestOptions;
  };
}

/** The built app and the services periodic work needs. */
export interface App {
  http: FastifyInstance;
  registry: RegistryService;
  /** Open WebSocket sessions. */
  wsSessionCount: () => number;
  /** The WebSocket gateway (sends to a device's session). */
  gateway: WsGateway;
  /** Issues and judges hardware challenges (the scheduler in main.ts decides when). */
  challenges: ChallengeRunner;
  /** Liveness: the sweep with degraded mode, history and degraded intervals (for rewards). */
  liveness: LivenessService;
  /** The explorer's read model: block rewards weigh devices by its quality score (`scoreAt`). */
  explorer: ExplorerService;
  /** Measures a connected device's network now (undefined when measurement is off). */
  networkProbe: NetworkProbe | undefined;
  /** The group-committing ingest of WebSocket heartbeats. */
  heartbeats: HeartbeatIngest;
}

const BODY_LIMIT = 1 << 20;

const challengeAdapterSet = (given: AppDeps['challengeAdapters']): ChallengeAdapterSet =>
  !given ? challengeAdaptersFor('devnet') : 'gpu' in given ? given : { gpu: given, cpu: given, simulated: given };

/**
 * Builds the coordinator's HTTP + WebSocket app without listening, so tests can `inject()`.
 * @param deps - stores, clock, chain id and options
 */
export async function createApp(deps: AppDeps): Promise<App> {
  // Errors Fastify raises before routing (a malformed URL, say) get the wire shape too.
  const frameworkErrors = (err: unknown, request: FastifyRequest, reply: FastifyReply) => errorHandler(err, request, reply);
  const http: FastifyInstance = deps.logger
    ? (Fastify({ loggerInstance: deps.logger, bodyLimit: BODY_LIMIT, disableRequestLogging: true, frameworkErrors, forceCloseConnections: true }) as unknown as FastifyInstance)
    : Fastify({ logger: false, bodyLimit: BODY_LIMIT, frameworkErrors, forceCloseConnections: true });
  http.setErrorHandler(errorHandler);
  http.setNotFoundHandler((request) => {
    throw new BaseError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`, { details: 'See the API under /v1.' });
  });
  registerRawJsonBody(http);
  // No compression: the network measurement times bytes on the wire, and deflate would let zeros fly.
  await http.register(websocket, { options: { maxPayload: BODY_LIMIT, perMessageDeflate: false } });

  const events = createDeviceEvents();
  const domain = { chainId: deps.chainId, networkId: deps.networkId };
  const toleranceS = deps.options.signatureToleranceS;
  const verifier = createRequestVerifier({ nonceStore: deps.nonces, clock: deps.clock, domain, toleranceS });
  const registry = createRegistryService({ devices: deps.devices, clock: deps.clock, domain, toleranceS, events });

  registerHealthRoutes(http, { version: deps.version, domain, storage: deps.storage, clock: deps.clock, startedAt: deps.clock.now() });
  const stopServiceRun = deps.uptime ? await startServiceRun({ store: deps.uptime, clock: deps.clock, onError: (err) => http.log.warn({ err }, 'marking the coordinator alive failed') }) : async () => undefined;
  if (deps.uptime) registerOutageRoutes(http, { uptime: deps.uptime, clock: deps.clock });
  registerRegistryRoutes(http, { registry, verifier, heartbeatIntervalMs: deps.options.heartbeatIntervalMs });
  if (deps.rewards) registerRewardsRoutes(http, deps.rewards);
  if (deps.jobShares) registerJobShareRoutes(http, deps.jobShares);
  if (deps.jobs) registerJobRoutes(http, deps.jobs);
  if (deps.jobs && deps.jobChallenges) {
    registerJobChallengeRoutes(http, { challenges: deps.jobChallenges.store, roles: deps.jobChallenges.roles, jobs: deps.jobs, verifier, clock: deps.clock });
    registerJobAuditRoutes(http, { challenges: deps.jobChallenges.store, jobs: deps.jobs, verifier, clock: deps.clock });
  }
  if (deps.jobContent) registerJobContentRoutes(http, { ...deps.jobContent, verifier, clock: deps.clock });
  const supply = deps.supplyOptions ?? supplyOptions();
  const now = () => deps.clock.now();
  const liveness = createLivenessService({ registry, history: deps.supply.history, degraded: deps.supply.degraded, clock: deps.clock, log: http.log }, { downAtOnceMs: supply.downAtOnceMs, minRegionDevices: supply.minRegionDevices });
  const explorer = createExplorerService({ directory: deps.supply.directory, liveness, challenges: deps.supply.challenges, rewards: deps.rewardHistory ?? noRewardHistory, clock: deps.clock, ...(deps.eligibility ? { policy: deps.eligibility } : {}) });
  registerExplorerRoutes(http, { explorer, now });
  const latency = createLatencyTracker({ network: deps.supply.network, now, log: http.log });
  const networkProbe = supply.networkProbe ? networkProbeFeature({ network: deps.supply.network, now, log: http.log, rttMs: latency.medianMs }, supply.networkProbe) : undefined;
  const challenges = createChallengeRunner({
    adapters: challengeAdapterSet(deps.challengeAdapters),
    sendTo: (deviceId, message) => gateway.sendTo(deviceId, message),
    results: deps.supply.challenges,
    now,
    onCheckError: (err, challenge) => http.log.error({ err, ...challenge }, 'checking a challenge answer failed; the challenge fails with check-error'),
    onRecordError: (err, challenge) => http.log.error({ err, ...challenge }, 'storing a challenge result failed; the result is lost'),
  });
  const heartbeats = createHeartbeatIngest({ devices: deps.devices, clock: deps.clock, events, onStoreError: (err) => http.log.error({ err }, 'heartbeat batch failed') }, deps.options.heartbeatBatch);

  const clusterChannel = clusterProbeChannel();
  registerClusterRoutes(http, { planner: createClusterPlanner({ registry, explorer, channel: clusterChannel, now }, deps.clusterOptions ?? clusterProbeOptions()) });

  const features = [
    deviceEventsFeature(events),
    heartbeatFeature(heartbeats),
    foreignWorkloadFeature({ registry, log: http.log }),
    challengeFeature(challenges),
    clusterChannel.feature,
    ...(networkProbe ? [networkProbe.feature] : []),
  ];
  const gateway = registerWsGateway(http, { verifier, registry, features, log: http.log, now, onRtt: latency.record }, { pingIntervalMs: deps.options.pingIntervalMs });
  http.addHook('onClose', async () => {
    await stopServiceRun();
    gateway.stop();
    challenges.stop();
    await heartbeats.drain();
    await latency.flush();
  });
  return { http, registry, wsSessionCount: gateway.sessionCount, gateway, liveness, explorer, networkProbe, challenges, heartbeats };
}
