import type { Insertable, Selectable } from 'kysely';
import type { DeviceState } from '@tensorgrid/protocol';
import type { RewardTables } from './reward-tables';

/**
 * The `devices` table: one row per worker. Times are integer milliseconds since the Unix
 * epoch (SQLite INTEGER, PostgreSQL bigint read back as a JS number). `hardware` is JSON
 * text; `simulated` is an integer 0/1 in both dialects (see `device-row.ts`).
 */
export interface DevicesTable {
  id: string;
  operator: string | null;
  state: DeviceState;
  gpu_model: string | null;
  hardware: string;
  simulated: number;
  registered_at: number;
  state_changed_at: number;
  last_heartbeat_at: number | null;
  heartbeat_seq: number;
}

/** The `request_nonces` table: single-use nonces of signed requests, keyed by (signer, nonce). */
export interface RequestNoncesTable {
  signer: string;
  nonce: string;
  expires_at: number;
}

/** The whole database as Kysely sees it. */
export interface Database extends RewardTables {
  devices: DevicesTable;
  request_nonces: RequestNoncesTable;
}

/** A `devices` row as read. */
export type DeviceRow = Selectable<DevicesTable>;
/** A `devices` row as written by an insert. */
export type NewDeviceRow = Insertable<DevicesTable>;
