import type { DeviceRecord, DeviceRegistration } from '@tensorgrid/domain';
import type { Hardware } from '@tensorgrid/protocol';
import type { DeviceRow, NewDeviceRow } from './schema';

/**
 * The one place where a device crosses between its record and its row: JSON text for the
 * hardware, integer 0/1 for `simulated` (portable across SQLite and PostgreSQL). Times are
 * already numbers: PostgreSQL pools parse bigint as numbers (see `open-database.ts`).
 * @param row - a `devices` row
 */
export function toDeviceRecord(row: DeviceRow): DeviceRecord {
  return {
    id: row.id,
    operator: row.operator,
    state: row.state,
    gpuModel: row.gpu_model,
    hardware: JSON.parse(row.hardware) as Hardware,
    simulated: row.simulated !== 0,
    registeredAt: row.registered_at,
    stateChangedAt: row.state_changed_at,
    lastHeartbeatAt: row.last_heartbeat_at,
    heartbeatSeq: row.heartbeat_seq,
    location: row.country === null ? null : {
      country: row.country,
      ...(row.city === null ? {} : { city: row.city }),
      ...(row.latitude === null || row.longitude === null ? {} : { latitude: row.latitude, longitude: row.longitude }),
    },
  };
}

/**
 * The row of a newly registered device: pending, no heartbeat yet.
 * @param registration - what the worker registered
 * @param now - registration time, ms
 */
export function toNewDeviceRow(registration: DeviceRegistration, now: number): NewDeviceRow {
  return {
    id: registration.id,
    operator: registration.operator,
    state: 'pending',
    gpu_model: registration.gpuModel,
    hardware: JSON.stringify(registration.hardware),
    simulated: registration.simulated ? 1 : 0,
    registered_at: now,
    state_changed_at: now,
    last_heartbeat_at: null,
    heartbeat_seq: 0,
    ...toLocationColumns(registration),
  };
}

/**
 * The location columns a registration writes: all four when it declares a location (absent
 * parts become null), none when it does not (a known device keeps its location).
 * @param registration - what the worker registered
 */
export function toLocationColumns(registration: DeviceRegistration): Pick<NewDeviceRow, 'country' | 'city' | 'latitude' | 'longitude'> {
  const l = registration.location;
  if (!l) return {};
  return { country: l.country, city: l.city ?? null, latitude: l.latitude ?? null, longitude: l.longitude ?? null };
}
