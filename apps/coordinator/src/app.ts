import websocket from '@fastify/websocket';
import type { DeviceStore, NonceStore } from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { createRequestVerifier } from './auth/request-verifier';
import type { Clock } from './clock';
import { registerHealthRoutes } from './health/health-routes';
import { errorHandler } from './http/error-handler';
import { registerRawJsonBody } from './http/raw-json-body';
import { createDeviceEvents } from './registry/device-events';
import { createHeartbeatIngest, type HeartbeatIngest, type HeartbeatIngestOptions } from './registry/heartbeat-ingest';
import { registerRegistryRoutes } from './registry/registry-routes';
import { createRegistryService, type RegistryService } from './registry/registry-service';
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
  /** Request and error logs; none when absent. */
  logger?: Logger;
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
  /** The group-committing ingest of WebSocket heartbeats. */
  heartbeats: HeartbeatIngest;
}

const BODY_LIMIT = 1 << 20;

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
  await http.register(websocket, { options: { maxPayload: BODY_LIMIT } });

  const events = createDeviceEvents();
  const domain = { chainId: deps.chainId, networkId: deps.networkId };
  const toleranceS = deps.options.signatureToleranceS;
  const verifier = createRequestVerifier({ nonceStore: deps.nonces, clock: deps.clock, domain, toleranceS });
  const registry = createRegistryService({ devices: deps.devices, clock: deps.clock, domain, toleranceS, events });

  registerHealthRoutes(http, { version: deps.version, domain, storage: deps.storage, clock: deps.clock, startedAt: deps.clock.now() });
  registerRegistryRoutes(http, { registry, verifier, heartbeatIntervalMs: deps.options.heartbeatIntervalMs });
  const heartbeats = createHeartbeatIngest({ devices: deps.devices, clock: deps.clock, events, onStoreError: (err) => http.log.error({ err }, 'heartbeat batch failed') }, deps.options.heartbeatBatch);
  const features = [deviceEventsFeature(events), heartbeatFeature(heartbeats)];
  const gateway = registerWsGateway(http, { verifier, registry, features, log: http.log, now: () => deps.clock.now() }, { pingIntervalMs: deps.options.pingIntervalMs });
  http.addHook('onClose', async () => gateway.stop());
  http.addHook('onClose', async () => heartbeats.drain());
  return { http, registry, wsSessionCount: gateway.sessionCount, gateway, heartbeats };
}
