import type { DeviceRecord } from '@tensorgrid/domain';
import type { Device } from '@tensorgrid/protocol';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The API view of a stored device.
 * @param record - the stored device
 */
export function toDeviceView(record: DeviceRecord): Device {
  return {
    id: record.id,
    operator: record.operator,
    state: record.state,
    gpuModel: record.gpuModel,
    hardware: record.hardware,
    simulated: record.simulated,
    registeredAt: iso(record.registeredAt),
    stateChangedAt: iso(record.stateChangedAt),
    lastHeartbeatAt: record.lastHeartbeatAt === null ? null : iso(record.lastHeartbeatAt),
    heartbeatSeq: record.heartbeatSeq,
  };
}
