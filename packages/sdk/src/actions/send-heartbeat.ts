import { BaseError, heartbeatResponseSchema, type HeartbeatRequest, type HeartbeatResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/** Parameters of {@link sendHeartbeat}. */
export type SendHeartbeatParams = HeartbeatRequest;
/** Result of {@link sendHeartbeat}. */
export type SendHeartbeatResult = HeartbeatResponse;

/**
 * Sends a signed heartbeat for the client's own device.
 * @param client - a client with the worker's account
 * @param params - the heartbeat: a strictly increasing `seq`
 * @throws {BaseError} UNAUTHENTICATED without an account, STALE_SEQUENCE, DEVICE_NOT_FOUND, DEVICE_BLOCKED, FORBIDDEN, NONCE_REPLAYED
 */
export async function sendHeartbeat(client: CoordinatorClient, params: SendHeartbeatParams): Promise<SendHeartbeatResult> {
  if (!client.account) throw new BaseError('UNAUTHENTICATED', 'A heartbeat is signed by the device: create the client with its account');
  return client.request({ method: 'POST', path: `/v1/devices/${client.account.address}/heartbeats`, body: params, signed: true, response: heartbeatResponseSchema });
}
