import { forgiveDowntime, regionOf, type DeviceStore, type LivenessHistoryStore } from '@tensorgrid/domain';
import type { LivenessService } from '../liveness/liveness-service';

/**
 * The liveness history that block rewards read: each device's changes with the downtime
 * inside its region's degraded intervals forgiven, so nobody misses a block because the
 * network (or the coordinator) was degraded.
 * @param deps - the device store (for the region) and the liveness service
 */
export function forgivingLiveness(deps: { devices: Pick<DeviceStore, 'getDevice'>; liveness: Pick<LivenessService, 'historyWithDegraded'> }): Pick<LivenessHistoryStore, 'changes'> {
  return {
    async changes(deviceId, window) {
      const device = await deps.devices.getDevice(deviceId);
      const { changes, degraded } = await deps.liveness.historyWithDegraded(deviceId, regionOf(device ?? {}), window);
      return forgiveDowntime(changes, degraded);
    },
  };
}
