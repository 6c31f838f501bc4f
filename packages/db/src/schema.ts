import type { Generated, Insertable, Selectable } from 'kysely';
import type { DeviceState } from '@tensorgrid/protocol';
import type { BlobTables } from './blob-tables';
import type { DatasetUploadTables } from './dataset-upload-tables';
import type { JobShareTables } from './job-share-tables';
import type { JobTables } from './job-tables';
import type { JobChallengeTables } from './job-challenge-tables';
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
  /** Declared location (migration 0002): ISO country code, city, decimal degrees; null when undeclared. */
  country: Generated<string | null>;
  city: Generated<string | null>;
  latitude: Generated<number | null>;
  longitude: Generated<number | null>;
  /** When the device was first part of a hardware-challenge round (migration 0015); null: never. */
  first_round_at: Generated<number | null>;
}

/** `challenge_groups` (0015): the hardware-challenge schedule of each device group. */
export interface ChallengeGroupsTable {
  /** `operator:<address>` or `device:<id>` (`challengeGroupOf`). */
  group_key: string;
  /** 1 when the group was made for a simulated device (real groups go first when rounds are bounded). */
  simulated: number;
  next_round_at: number;
  /** 1 when the next round is the re-challenge after a deadline miss. */
  retry_pending: Generated<number>;
  /** Start of the latest round; null before the first. */
  round_at: Generated<number | null>;
  /** 1 when the latest round is a re-challenge (a miss in it asks no other). */
  round_is_retry: Generated<number>;
}

/** `liveness_changes` (0002): each device's up/down changes, numbered per device. */
export interface LivenessChangesTable {
  device_id: string;
  seq: number;
  at: number;
  /** 1 when the device went up, 0 when it went down. */
  up: number;
}

/** `degraded_intervals` (0002): a region's degraded intervals; `ended_at` null while open. */
export interface DegradedIntervalsTable {
  region: string;
  started_at: number;
  ended_at: number | null;
}

/** `device_network` (0002): the latest measured network of each device. */
export interface DeviceNetworkTable {
  device_id: string;
  down_mbps: number | null;
  up_mbps: number | null;
  /** '1'..'4' or 'unranked'. */
  tier: string | null;
  throughput_at: number | null;
  latency_ms: number | null;
  last_rtt_ms: number | null;
  latency_at: number | null;
}

/** `challenge_results` (0002): outcomes of hardware challenges; `metrics` is JSON text. */
export interface ChallengeResultsTable {
  id: string;
  device_id: string;
  kind: string;
  issued_at: number;
  finished_at: number;
  passed: number;
  reason: string | null;
  metrics: string;
}

/** The `request_nonces` table: single-use nonces of signed requests, keyed by (signer, nonce). */
export interface RequestNoncesTable {
  signer: string;
  nonce: string;
  expires_at: number;
}

/** `service_runs` (0017): each coordinator process's run, from its start to its last alive mark (ms). */
export interface ServiceRunsTable {
  instance: string;
  started_at: number;
  alive_at: number;
}

/** The whole database as Kysely sees it. */
export interface Database extends RewardTables, JobTables, JobShareTables, JobChallengeTables, DatasetUploadTables, BlobTables {
  devices: DevicesTable;
  request_nonces: RequestNoncesTable;
  liveness_changes: LivenessChangesTable;
  degraded_intervals: DegradedIntervalsTable;
  device_network: DeviceNetworkTable;
  challenge_results: ChallengeResultsTable;
  challenge_groups: ChallengeGroupsTable;
  service_runs: ServiceRunsTable;
}

/** A `devices` row as read. */
export type DeviceRow = Selectable<DevicesTable>;
/** A `devices` row as written by an insert. */
export type NewDeviceRow = Insertable<DevicesTable>;
