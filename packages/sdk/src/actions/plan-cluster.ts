import { planClusterResponseSchema, type PlanClusterRequest, type PlanClusterResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';

/** Parameters of {@link planCluster}. */
export type PlanClusterParams = PlanClusterRequest;
/** Result of {@link planCluster}. */
export type PlanClusterResult = PlanClusterResponse;

/**
 * Has the devices of a cluster probe each other's latency and bandwidth now, and places a
 * training job on the measured network. Probing takes a while on a large or slow cluster:
 * give the client a timeout of minutes.
 * @param client - a coordinator client
 * @param params - the device ids (2 to 64, registered and online), the job's shape, seed and budget
 * @throws {BaseError} VALIDATION_FAILED, DEVICE_NOT_FOUND, DEVICES_UNAVAILABLE (data.devices names them), UNAVAILABLE (too many probes running), TIMEOUT
 */
export function planCluster(client: CoordinatorClient, params: PlanClusterParams): Promise<PlanClusterResult> {
  return client.request({ method: 'POST', path: '/v1/clusters/plan', body: params, response: planClusterResponseSchema });
}
