import {
  explorerChallengesResponseSchema, explorerDeviceSchema, explorerDevicesResponseSchema, explorerRewardsResponseSchema, explorerUptimeResponseSchema,
  type ExplorerChallengesResponse, type ExplorerDevice, type ExplorerDevicesQuery, type ExplorerDevicesResponse, type ExplorerRewardsResponse, type ExplorerUptimeResponse,
} from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';
import { queryString } from './query-string';

const devicePath = (id: string) => `/v1/explorer/devices/${encodeURIComponent(id)}`;

/** Parameters of {@link listExplorerDevices}. */
export type ListExplorerDevicesParams = ExplorerDevicesQuery;
/** Result of {@link listExplorerDevices}. */
export type ListExplorerDevicesResult = ExplorerDevicesResponse;

/**
 * Lists devices in the public explorer, ordered by id; page with `after` = the previous `next`.
 * @param client - a coordinator client (no account needed)
 * @param query - filters (state, gpuModel, country, tier, simulated, minScore, eligible) and paging
 * @throws {BaseError} VALIDATION_FAILED naming each bad filter
 */
export function listExplorerDevices(client: CoordinatorClient, query: ListExplorerDevicesParams = {}): Promise<ListExplorerDevicesResult> {
  return client.request({ method: 'GET', path: `/v1/explorer/devices${queryString(query)}`, response: explorerDevicesResponseSchema });
}

/** Parameters of the per-device explorer actions. */
export interface ExplorerDeviceParams {
  /** The device id (its worker address). */
  id: string;
}
/** Result of {@link getExplorerDevice}. */
export type GetExplorerDeviceResult = ExplorerDevice;

/**
 * One device in the explorer: hardware, location, tier and measured network, state, quality
 * score with its parts, eligibility with reasons, time score and downtime per day.
 * @param client - a coordinator client
 * @param params - the device id
 * @throws {BaseError} DEVICE_NOT_FOUND, VALIDATION_FAILED
 */
export function getExplorerDevice(client: CoordinatorClient, params: ExplorerDeviceParams): Promise<GetExplorerDeviceResult> {
  return client.request({ method: 'GET', path: devicePath(params.id), response: explorerDeviceSchema });
}

/** Parameters of {@link getDeviceUptime}: an ISO window (default the last 7 days, at most 90). */
export interface GetDeviceUptimeParams extends ExplorerDeviceParams {
  from?: string;
  to?: string;
}
/** Result of {@link getDeviceUptime}. */
export type GetDeviceUptimeResult = ExplorerUptimeResponse;

/**
 * A device's liveness history in a window, with its uptime and forgiven (degraded) time.
 * @param client - a coordinator client
 * @param params - the device id and the window
 */
export function getDeviceUptime(client: CoordinatorClient, params: GetDeviceUptimeParams): Promise<GetDeviceUptimeResult> {
  return client.request({ method: 'GET', path: `${devicePath(params.id)}/uptime${queryString({ from: params.from, to: params.to })}`, response: explorerUptimeResponseSchema });
}

/** Parameters of {@link getDeviceChallenges} and {@link getDeviceRewards}. */
export interface DeviceHistoryParams extends ExplorerDeviceParams {
  /** At most this many, 1..100. @default 50 */
  limit?: number;
  /** Resume after a page: its `next`. */
  before?: string;
}
/** Result of {@link getDeviceChallenges}. */
export type GetDeviceChallengesResult = ExplorerChallengesResponse;
/** Result of {@link getDeviceRewards}. */
export type GetDeviceRewardsResult = ExplorerRewardsResponse;

/**
 * A device's hardware-challenge results, newest first; page with `before` = the previous `next`.
 * @param client - a coordinator client
 * @param params - the device id, a limit and a cursor
 * @throws {BaseError} DEVICE_NOT_FOUND, VALIDATION_FAILED
 */
export function getDeviceChallenges(client: CoordinatorClient, params: DeviceHistoryParams): Promise<GetDeviceChallengesResult> {
  return client.request({ method: 'GET', path: `${devicePath(params.id)}/challenges${queryString({ limit: params.limit, before: params.before })}`, response: explorerChallengesResponseSchema });
}

/**
 * A device's rewards, newest first (amounts in base units, as decimal strings); page with `before` = the previous `next`.
 * @param client - a coordinator client
 * @param params - the device id, a limit and a cursor
 * @throws {BaseError} DEVICE_NOT_FOUND, VALIDATION_FAILED
 */
export function getDeviceRewards(client: CoordinatorClient, params: DeviceHistoryParams): Promise<GetDeviceRewardsResult> {
  return client.request({ method: 'GET', path: `${devicePath(params.id)}/rewards${queryString({ limit: params.limit, before: params.before })}`, response: explorerRewardsResponseSchema });
}
