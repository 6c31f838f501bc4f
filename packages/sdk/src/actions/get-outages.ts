import { outagesResponseSchema, type OutagesResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/**
 * Reads when the coordinator was down from `from` until now (its processes' runs): a deadline
 * for an answer only it receives counts the time outside these.
 * @param client - a coordinator client
 * @param params - the window's start, ms since the epoch
 * @throws {BaseError} NETWORK_ERROR when the coordinator is unreachable
 */
export function getOutages(client: CoordinatorClient, params: { fromMs: number }): Promise<OutagesResponse> {
  return client.request({ method: 'GET', path: `/v1/health/outages?from=${encodeURIComponent(new Date(params.fromMs).toISOString())}`, response: outagesResponseSchema });
}
