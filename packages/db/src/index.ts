/**
 * @module @tensorgrid/db
 * Storage over Kysely for SQLite (embedded default) and PostgreSQL (scale): opening a
 * database, migrations as code, and the stores that implement the domain's ports.
 */
export type { Database, DevicesTable, RequestNoncesTable, DeviceRow, NewDeviceRow, LivenessChangesTable, DegradedIntervalsTable, DeviceNetworkTable, ChallengeResultsTable } from './schema';
export { openDatabase, type OpenDatabaseOptions, type OpenedDatabase, type DatabaseKind } from './open-database';
export { migrateToLatest, MIGRATIONS } from './migrations/migrate-to-latest';
export { createDeviceStore } from './device-store';
export { createNonceStore } from './nonce-store';
export { createDatasetUploadStore } from './dataset-upload-store';
export { createSqlBlobStore, type BlobKind } from './sql-blob-store';
export { createRewardBlockStore } from './reward-block-store';
export type { RewardTables, RewardBlocksTable, RewardPoolRootsTable, RewardLeavesTable, RewardMissesTable } from './reward-tables';
export { createLivenessHistoryStore } from './liveness-history-store';
export { createDegradedModeStore } from './degraded-mode-store';
export { createServiceUptimeStore } from './service-uptime-store';
export { createDeviceNetworkStore } from './device-network-store';
export { createChallengeResultStore } from './challenge-result-store';
export { createDeviceDirectory } from './device-directory';
export { createSupplyStores, type SupplyStores } from './create-supply-stores';
export { createJobIndexStore } from './job-index-store';
export { createJobShareDayStore } from './job-share-day-store';
export type { JobShareTables, JobShareDaysTable, JobShareLeavesTable } from './job-share-tables';
export { createJobChallengeStore } from './job-challenge-store';
export { createTickLock } from './create-tick-lock';
export { createReplicaMutex } from './create-replica-mutex';
export { databaseClockSkewMs } from './database-clock-skew';
export { createChallengeScheduleStore } from './challenge-schedule-store';
export { advisoryLockKey } from './advisory-lock-key';
