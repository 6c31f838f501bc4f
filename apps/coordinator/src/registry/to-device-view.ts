import type { DeviceRecord } from '@tensorgrid/domain';
import { publicHardware, type Device } from '@tensorgrid/protocol';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The API view of a stored device, as anyone may read it (no hardware fingerprints).
 * @param record - the stored device
 */
export function toDeviceView(record: DeviceRecord): Device {
  return {
    id: record.id,
    operator: record.operator,
    state: record.state,
    gpuModel: record.gpuModel,
    hardware: publicHardware(record.hardware),
    simulated: record.simulated,
    registeredAt: iso(record.registeredAt),
    stateChangedAt: iso(record.stateChangedAt),
    lastHeartbeatAt: record.lastHeartbeatAt === null ? null : iso(record.lastHeartbeatAt),
    heartbeatSeq: record.heartbeatSeq,
  };
}
