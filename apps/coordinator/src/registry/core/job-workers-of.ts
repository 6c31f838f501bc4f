import type { DeviceRecord } from '@tensorgrid/domain';

/**
 * How many JobMarket jobs a registered device may run at once: its attached workers, which
 * the coordinator sets on chain as the oracle (`setWorkers`). A device serves one GPU (or
 * one CPU worker), so one job at a time once it is live; none while it is pending (never
 * heard from) or blocked (it ran foreign workloads while hired). A down device keeps its
 * slot: it takes no job while its agent is gone, and flapping would cost a transaction per
 * change. Simulated devices run no job runner and are left alone (undefined), so a simulated
 * fleet costs no transactions.
 * @param device - the device's state and whether it is simulated
 */
export function jobWorkersOf(device: Pick<DeviceRecord, 'state' | 'simulated'>): number | undefined {
  if (device.simulated) return undefined;
  return device.state === 'pending' || device.state === 'blocked' ? 0 : 1;
}
