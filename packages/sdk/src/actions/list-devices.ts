import { listDevicesResponseSchema, type ListDevicesQuery, type ListDevicesResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';
import { queryString } from './query-string';

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
  return client.request({ method: 'GET', path: `/v1/devices${queryString(query)}`, response: listDevicesResponseSchema });
}
