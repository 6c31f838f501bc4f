import { heartbeatResponseSchema, type HeartbeatRequest, type HeartbeatResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/**
 * Sends a signed heartbeat for the client's own device.
 * @param client - a client with the worker's account
 * @param params - the heartbeat: a strictly increasing `seq`
 * @throws {BaseError} STALE_SEQUENCE, DEVICE_NOT_FOUND, DEVICE_BLOCKED, FORBIDDEN, NONCE_REPLAYED
 */
export function sendHeartbeat(client: CoordinatorClient, params: HeartbeatRequest): Promise<HeartbeatResponse> {
  if (!client.account) throw new TypeError('sendHeartbeat needs a client with an account');
  return client.request({ method: 'POST', path: `/v1/devices/${client.account.address}/heartbeats`, body: params, signed: true, response: heartbeatResponseSchema });
}
