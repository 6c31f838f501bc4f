import { registerDeviceResponseSchema, type RegisterDeviceRequest, type RegisterDeviceResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/**
 * Registers the client's account as a device (signed). Registering again refreshes the
 * hardware and keeps the device's state and history.
 * @param client - a client with the worker's account
 * @param params - the hardware report and an optional operator attestation
 * @throws {BaseError} MIXED_GPU_MODELS, VALIDATION_FAILED, SIGNATURE_INVALID, NONCE_REPLAYED, FORBIDDEN
 */
export function registerDevice(client: CoordinatorClient, params: RegisterDeviceRequest): Promise<RegisterDeviceResponse> {
  return client.request({ method: 'POST', path: '/v1/devices', body: params, signed: true, response: registerDeviceResponseSchema });
}
