import { listDevicesResponseSchema, type ListDevicesQuery, type ListDevicesResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/** Parameters of {@link listDevices}. */
export type ListDevicesParams = ListDevicesQuery;
/** Result of {@link listDevices}. */
export type ListDevicesResult = ListDevicesResponse;

/**
 * Lists registered devices, ordered by id; page with `after`.
 * @param client - a coordinator client
 * @param query - filters (state, GPU model) and paging
 */
export function listDevices(client: CoordinatorClient, query: ListDevicesParams = {}): Promise<ListDevicesResult> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const qs = params.toString();
  return client.request({ method: 'GET', path: `/v1/devices${qs ? `?${qs}` : ''}`, response: listDevicesResponseSchema });
}
