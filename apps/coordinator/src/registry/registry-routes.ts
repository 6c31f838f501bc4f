import {
  deviceIdParamsSchema, heartbeatRequestSchema, listDevicesQuerySchema, parseOrThrow, registerDeviceRequestSchema,
  type HeartbeatResponse, type ListDevicesResponse, type RegisterDeviceResponse,
} from '@tensorgrid/protocol';
import type { FastifyInstance } from 'fastify';
import type { RequestVerifier } from '../auth/request-verifier';
import { verifyHttpRequest } from '../http/signed-request';
import type { RegistryService } from './registry-service';
import { toDeviceView } from './to-device-view';

/**
 * The device registry's routes: register, heartbeat (both signed), list, show.
 * @param app - the Fastify instance
 * @param deps - the registry service, the verifier and the heartbeat interval to announce
 */
export function registerRegistryRoutes(app: FastifyInstance, deps: { registry: RegistryService; verifier: RequestVerifier; heartbeatIntervalMs: number }): void {
  const { registry, verifier } = deps;

  app.post('/v1/devices', async (request, reply): Promise<RegisterDeviceResponse> => {
    const signer = await verifyHttpRequest(verifier, request);
    const body = parseOrThrow(registerDeviceRequestSchema, request.body, 'registration body');
    const { outcome, device } = await registry.register(signer, body);
    void reply.status(outcome === 'created' ? 201 : 200);
    return { outcome, device: toDeviceView(device), heartbeatIntervalMs: deps.heartbeatIntervalMs };
  });

  app.post('/v1/devices/:id/heartbeats', async (request): Promise<HeartbeatResponse> => {
    const signer = await verifyHttpRequest(verifier, request);
    const { id } = parseOrThrow(deviceIdParamsSchema, request.params, 'device id');
    const body = parseOrThrow(heartbeatRequestSchema, request.body, 'heartbeat body');
    return { device: toDeviceView(await registry.heartbeat(signer, id, body)) };
  });

  app.get('/v1/devices', async (request): Promise<ListDevicesResponse> => {
    const query = parseOrThrow(listDevicesQuerySchema, request.query, 'query');
    const devices = await registry.list(query);
    const last = devices.at(-1);
    return { devices: devices.map(toDeviceView), next: devices.length === query.limit && last ? last.id : null };
  });

  app.get('/v1/devices/:id', async (request) => {
    const { id } = parseOrThrow(deviceIdParamsSchema, request.params, 'device id');
    return toDeviceView(await registry.get(id));
  });
}
