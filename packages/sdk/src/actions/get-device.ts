import { deviceSchema, type Device } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/** Parameters of {@link getDevice}. */
export interface GetDeviceParams {
  /** The device id (its worker address). */
  id: string;
}
/** Result of {@link getDevice}. */
export type GetDeviceResult = Device;

/**
 * Reads one device.
 * @param client - a coordinator client
 * @param params - the device id (its worker address)
 * @throws {BaseError} DEVICE_NOT_FOUND, VALIDATION_FAILED for a malformed id
 */
export function getDevice(client: CoordinatorClient, params: GetDeviceParams): Promise<GetDeviceResult> {
  return client.request({ method: 'GET', path: `/v1/devices/${encodeURIComponent(params.id)}`, response: deviceSchema });
}
