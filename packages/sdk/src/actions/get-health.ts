import { healthResponseSchema, type HealthResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/** Result of {@link getHealth}. */
export type GetHealthResult = HealthResponse;

/**
 * Reads the coordinator's health: version, chain id, storage and uptime.
 * @param client - a coordinator client
 * @throws {BaseError} NETWORK_ERROR when the coordinator is unreachable
 */
export function getHealth(client: CoordinatorClient): Promise<GetHealthResult> {
  return client.request({ method: 'GET', path: '/v1/health', response: healthResponseSchema });
}
