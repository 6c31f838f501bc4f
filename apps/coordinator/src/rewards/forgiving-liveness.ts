import { forgiveDowntime, regionOf, type DeviceStore, type LivenessHistoryStore } from '@tensorgrid/domain';
import type { LivenessService } from '../liveness/liveness-service';

/**
 * The liveness history that block rewards read: each device's changes with the downtime
 * inside its region's degraded intervals forgiven, so nobody misses a block because the
 * network (or the coordinator) was degraded.
 * @param deps - the device store (for the region) and the liveness service
 */
export function forgivingLiveness(deps: { devices: Pick<DeviceStore, 'getDevice'>; liveness: Pick<LivenessService, 'history' | 'degradedIntervals'> }): Pick<LivenessHistoryStore, 'changes'> {
  return {
    async changes(deviceId, window) {
      const device = await deps.devices.getDevice(deviceId);
      const region = regionOf(device ?? {});
      const [changes, degraded] = await Promise.all([deps.liveness.history(deviceId, window), deps.liveness.degradedIntervals(region, window)]);
      return forgiveDowntime(changes, degraded.map((i) => ({ from: Math.max(i.from, window.fromMs), to: Math.min(i.to, window.toMs) })));
    },
  };
}
