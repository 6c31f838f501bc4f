import { registerDeviceResponseSchema, type RegisterDeviceRequest, type RegisterDeviceResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/** Parameters of {@link registerDevice}. */
export type RegisterDeviceParams = RegisterDeviceRequest;
/** Result of {@link registerDevice}. */
export type RegisterDeviceResult = RegisterDeviceResponse;

/**
 * Registers the client's account as a device (signed). Registering again refreshes the
 * hardware and keeps the device's state and history.
 * @param client - a client with the worker's account
 * @param params - the hardware report and an optional operator attestation
 * @throws {BaseError} MIXED_GPU_MODELS, VALIDATION_FAILED, SIGNATURE_INVALID, NONCE_REPLAYED, FORBIDDEN
 */
export function registerDevice(client: CoordinatorClient, params: RegisterDeviceParams): Promise<RegisterDeviceResult> {
  return client.request({ method: 'POST', path: '/v1/devices', body: params, signed: true, response: registerDeviceResponseSchema });
}
