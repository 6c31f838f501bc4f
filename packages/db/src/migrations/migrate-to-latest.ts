import { type Kysely, type Migration, type MigrationProvider, type MigrationResult, Migrator, sql } from 'kysely';
import { isPostgres } from '../is-postgres';
import { BaseError } from '@tensorgrid/protocol';
import type { Database } from '../schema';
import { registryMigration } from './0001-registry';
import { livenessMigration } from './0002-liveness';
import { rewardsMigration } from './0004-rewards';
import { jobsMigration } from './0005-jobs';
import { jobStateNamesMigration } from './0006-job-state-names';
import { jobSharesMigration } from './0007-job-shares';
import { jobChallengesMigration } from './0008-job-challenges';
import { verdictReportsMigration } from './0009-verdict-reports';
import { jobAuditsMigration } from './0010-job-audits';
import { datasetUploadsMigration } from './0011-dataset-uploads';
import { blobsMigration } from './0012-blobs';
import { challengeRoundsMigration } from './0013-challenge-rounds';
import { challengeResultsKeysetMigration } from './0014-challenge-results-keyset';
import { challengeScheduleMigration } from './0015-challenge-schedule';
import { uploadClaimsMigration } from './0016-upload-claims';
import { serviceRunsMigration } from './0017-service-runs';
import { jobEventIndexedAtMigration } from './0018-job-event-indexed-at';
import { jobIndexBlockHashesMigration } from './0019-job-index-block-hashes';
import { jobIndexBlockIndexesMigration } from './0020-job-index-block-indexes';

/** Every migration, by name; names sort in the order they run. Append only. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-registry': registryMigration,
  '0002-liveness': livenessMigration,
  '0004-rewards': rewardsMigration,
  '0005-jobs': jobsMigration,
  '0006-job-state-names': jobStateNamesMigration,
  '0007-job-shares': jobSharesMigration,
  '0008-job-challenges': jobChallengesMigration,
  '0009-verdict-reports': verdictReportsMigration,
  '0010-job-audits': jobAuditsMigration,
  '0011-dataset-uploads': datasetUploadsMigration,
  '0012-blobs': blobsMigration,
  '0013-challenge-rounds': challengeRoundsMigration,
  '0014-challenge-results-keyset': challengeResultsKeysetMigration,
  '0015-challenge-schedule': challengeScheduleMigration,
  '0016-upload-claims': uploadClaimsMigration,
  '0017-service-runs': serviceRunsMigration,
  '0018-job-event-indexed-at': jobEventIndexedAtMigration,
  '0019-job-index-block-hashes': jobIndexBlockHashesMigration,
  '0020-job-index-block-indexes': jobIndexBlockIndexesMigration,
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/**
 * Brings the database to the latest schema. Running it again is a no-op (empty result).
 *
 * On PostgreSQL, Kysely's bookkeeping tables are placed in the connection's current schema
 * explicitly: left unqualified, Kysely's table-exists check would see another schema's
 * copies and skip creating them.
 *
 * @param db - an open database
 * @returns the migrations that ran, in order
 * @throws BaseError `INTERNAL` naming the migration that failed
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  const migrationTableSchema = await currentPostgresSchema(db);
  const migrator = new Migrator({ db, provider, ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const message = failed === undefined ? 'Database migration failed before any migration ran' : `Database migration ${failed} failed`;
    throw new BaseError('INTERNAL', message, { cause: error, data: { migration: failed ?? null }, retryable: false });
  }
  return results;
}

async function currentPostgresSchema(db: Kysely<Database>): Promise<string | undefined> {
  if (!isPostgres(db)) return undefined;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}
