import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { DIALECTS, openTestDatabase } from '@tensorgrid/test-utils';
import { createDatasetUploadStore } from '../src/dataset-upload-store';
import { createDeviceStore } from '../src/device-store';
import { createJobIndexStore } from '../src/job-index-store';
import { jobStateNamesMigration } from '../src/migrations/0006-job-state-names';
import { challengeRoundsMigration } from '../src/migrations/0013-challenge-rounds';
import { challengeScheduleMigration } from '../src/migrations/0015-challenge-schedule';
import { uploadClaimsMigration } from '../src/migrations/0016-upload-claims';
import { jobEventIndexedAtMigration } from '../src/migrations/0018-job-event-indexed-at';
import { jobIndexBlockHashesMigration } from '../src/migrations/0019-job-index-block-hashes';
import { jobIndexBlockIndexesMigration } from '../src/migrations/0020-job-index-block-indexes';
import { createJobChallengeStore } from '../src/job-challenge-store';
import { MIGRATIONS, migrateToLatest } from '../src/migrations/migrate-to-latest';
import { createNonceStore } from '../src/nonce-store';
import { openDatabase } from '../src/open-database';

const T0 = 1_700_000_000_000;
const ID = '0x00000000000000000000000000000000000000aa';
const hardware = {
  kind: 'cpu' as const,
  cpu: { model: 'x', cores: 1, threads: 2 },
  memoryBytes: 1,
  disk: { totalBytes: 2, freeBytes: 1 },
  os: { platform: 'linux', distro: 'debian', release: '12', arch: 'x64' },
  gpus: [],
};

describe.each(DIALECTS)('migrations on %s', (kind) => {
  it('migrating twice is a no-op', async () => {
    const database = await openTestDatabase(kind);
    try {
      expect(await migrateToLatest(database.db)).toEqual([]);
      await createDeviceStore(database.db).registerDevice({ id: ID, operator: null, gpuModel: null, hardware, simulated: false }, T0);
      expect(await migrateToLatest(database.db)).toEqual([]);
      expect(await createDeviceStore(database.db).getDevice(ID)).toMatchObject({ id: ID });
    } finally {
      await database.close();
    }
  });

  it('reads bigint columns back as JS numbers', async () => {
    const database = await openTestDatabase(kind);
    try {
      const { rows } = await sql<{ v: unknown }>`select cast(9007199254740991 as bigint) as v`.execute(database.db);
      expect(rows[0]?.v).toBe(Number.MAX_SAFE_INTEGER);
    } finally {
      await database.close();
    }
  });

  it('0006 renames the job index\'s states open → posted and passed → verified (and back down)', async () => {
    const database = await openTestDatabase(kind);
    try {
      const job = (id: number, state: 'posted' | 'verified' | 'accepted') => ({
        jobId: BigInt(id), state, requester: ID, node: null, verifier: null, whistleblower: null, specHash: `0x${'11'.repeat(32)}` as const,
        resultRoot: null, evidence: null, fee: 1n, gas: 1n, deposit: 0n, bond: 0n, deadline: 2_000_000_000, challengeEndsAt: null, verdictDay: null, postedBlock: 1, updatedBlock: 1,
      });
      await createJobIndexStore(database.db).applyBatch({ cursor: { contract: ID, block: 1 }, jobs: [job(1, 'posted'), job(2, 'verified'), job(3, 'accepted')], events: [] });
      const states = async () => (await sql<{ state: string }>`select state from jobs order by job_id`.execute(database.db)).rows.map((r) => r.state);
      await jobStateNamesMigration.down(database.db as unknown as Kysely<unknown>);
      expect(await states()).toEqual(['open', 'passed', 'accepted']);
      await jobStateNamesMigration.up(database.db as unknown as Kysely<unknown>);
      expect(await states()).toEqual(['posted', 'verified', 'accepted']);
    } finally {
      await database.close();
    }
  });

  it('0013 keys challenges and verdict reports by round: down keeps round 0 only, up brings it back as round 0', async () => {
    const database = await openTestDatabase(kind);
    try {
      const store = createJobChallengeStore(database.db);
      const challenge = (round: number) => ({ jobId: 3n, round, verifier: ID, steps: [0, 4], beacon: `0x${'22'.repeat(32)}`, issuedAt: T0, respondBy: T0 + 1 });
      const report = (round: number) => ({ jobId: 3n, round, verifier: ID, body: `{"round":${round}}`, receivedAt: T0 });
      for (const round of [0, 1]) {
        await store.putChallenge(challenge(round));
        await store.putVerdictReport(report(round));
      }
      const migrating = database.db as unknown as Kysely<unknown>;
      await challengeRoundsMigration.down(migrating);
      expect((await sql<{ job_id: number; body: string }>`select job_id, body from job_verdict_reports`.execute(database.db)).rows).toEqual([{ job_id: 3, body: '{"round":0}' }]);
      await challengeRoundsMigration.up(migrating);
      expect(await store.challengesOf(3n)).toEqual([challenge(0)]);
      expect(await store.getVerdictReport(3n, 0)).toEqual(report(0));
      expect(await store.putChallenge(challenge(1))).toEqual({ kind: 'created' });
    } finally {
      await database.close();
    }
  });

  it('0015 adds the challenge schedule: down drops it and devices.first_round_at, up brings them back empty', async () => {
    const database = await openTestDatabase(kind);
    try {
      const columns = async () => (await database.db.introspection.getTables()).find((t) => t.name === 'devices')!.columns.map((c) => c.name);
      const migrating = database.db as unknown as Kysely<unknown>;
      await challengeScheduleMigration.down(migrating);
      expect(await columns()).not.toContain('first_round_at');
      expect((await database.db.introspection.getTables()).map((t) => t.name)).not.toContain('challenge_groups');
      await challengeScheduleMigration.up(migrating);
      expect(await columns()).toContain('first_round_at');
      expect((await sql<{ n: number }>`select count(*) as n from challenge_groups`.execute(database.db)).rows).toEqual([{ n: 0 }]);
    } finally {
      await database.close();
    }
  });

  it('0016 keeps the uploads made before it (claimed when uploaded), and starts every quota and the pool at 0; down drops claims, refs, spec uploads and pool', async () => {
    const database = await openTestDatabase(kind);
    try {
      const migrating = database.db as unknown as Kysely<unknown>;
      await uploadClaimsMigration.down(migrating);
      expect((await database.db.introspection.getTables()).map((t) => t.name)).not.toContain('dataset_pool');
      for (const [n, bytes] of [[1, 600], [2, 250]] as const) {
        await sql`insert into dataset_uploads (sha256, uploader, bytes, uploaded_at) values (${String(n).padStart(64, '0')}, ${ID}, ${bytes}, ${T0 + n})`.execute(database.db);
      }
      await sql`insert into dataset_quotas (uploader, used_bytes) values (${ID}, 850)`.execute(database.db);
      await uploadClaimsMigration.up(migrating);
      const store = createDatasetUploadStore(database.db);
      expect(await store.unclaimedBytes()).toBe(0);
      expect(await store.usedBytes(ID)).toBe(0);
      expect(await store.uploadOf(String(2).padStart(64, '0'))).toEqual({ uploader: ID, bytes: 250, uploadedAt: T0 + 2, claimedAt: T0 + 2 });
      expect(await store.sweep({ at: T0 + 10 ** 9, uploadedBefore: T0 + 10 ** 9, limit: 10 })).toEqual({ claimed: 0, removed: [], specsClaimed: 0, specsRemoved: [] });
    } finally {
      await database.close();
    }
  });

  it('0018 leaves the events stored before it without an index time (their block time stands); down drops the column', async () => {
    const database = await openTestDatabase(kind);
    try {
      const migrating = database.db as unknown as Kysely<unknown>;
      await jobEventIndexedAtMigration.down(migrating);
      await sql`insert into job_events (block, log_index, job_id, name, tx_hash, args) values (7, 0, 1, 'JobDisputed', ${`0x${'ab'.repeat(32)}`}, '{}')`.execute(database.db);
      await jobEventIndexedAtMigration.up(migrating);
      expect(await createJobIndexStore(database.db).eventsOf(1n)).toEqual([{ jobId: 1n, name: 'JobDisputed', block: 7, logIndex: 0, txHash: `0x${'ab'.repeat(32)}`, args: {} }]);
    } finally {
      await database.close();
    }
  });

  it('0019 leaves the cursor and events stored before it without block hashes (the cursor is checked from the next pass on); down drops the columns', async () => {
    const database = await openTestDatabase(kind);
    try {
      const migrating = database.db as unknown as Kysely<unknown>;
      await jobIndexBlockHashesMigration.down(migrating);
      await sql`insert into job_index_cursor (id, contract, block) values (1, '0xmarket', 9)`.execute(database.db);
      await sql`insert into job_events (block, log_index, job_id, name, tx_hash, args) values (7, 0, 1, 'JobPosted', ${`0x${'ab'.repeat(32)}`}, '{}')`.execute(database.db);
      await jobIndexBlockHashesMigration.up(migrating);
      const store = createJobIndexStore(database.db);
      expect(await store.cursor()).toEqual({ contract: '0xmarket', block: 9 });
      expect(await store.eventsOf(1n)).toEqual([{ jobId: 1n, name: 'JobPosted', block: 7, logIndex: 0, txHash: `0x${'ab'.repeat(32)}`, args: {} }]);
      expect(await store.indexedBlocks({ atOrBelow: 9, limit: 5 })).toEqual([{ block: 7, hash: null }]);
    } finally {
      await database.close();
    }
  });

  it('0020 indexes the blocks a rewind selects and deletes jobs by; down drops the indexes', async () => {
    const database = await openTestDatabase(kind);
    const jobIndexes = async () => {
      const { rows } =
        kind === 'sqlite'
          ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'jobs' and name like '%block%'`.execute(database.db)
          : await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'jobs' and schemaname = current_schema() and indexname like '%block%'`.execute(database.db);
      return rows.map((r) => r.name).sort();
    };
    try {
      expect(await jobIndexes()).toEqual(['jobs_posted_block_idx', 'jobs_updated_block_idx']);
      await jobIndexBlockIndexesMigration.down(database.db as unknown as Kysely<unknown>);
      expect(await jobIndexes()).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('runs every migration on a fresh database and creates every table', async () => {
    const database = await openTestDatabase(kind);
    try {
      const tables = (await database.db.introspection.getTables()).map((t) => t.name).sort();
      expect(tables).toEqual(['blobs', 'challenge_groups', 'challenge_results', 'dataset_pool', 'dataset_quotas', 'dataset_spec_refs', 'dataset_uploads', 'degraded_intervals', 'device_network', 'devices', 'job_audit_openings', 'job_challenges', 'job_events', 'job_index_cursor', 'job_openings', 'job_share_days', 'job_share_leaves', 'job_spec_uploads', 'job_step_hashes', 'job_verdict_reports', 'jobs', 'liveness_changes', 'request_nonces', 'reward_blocks', 'reward_leaves', 'reward_misses', 'reward_pool_roots', 'service_runs']);
    } finally {
      await database.close();
    }
  });
});

describe('migrations on sqlite (fresh file)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempFile(): string {
    const dir = mkdtempSync(join(tmpdir(), 'tg-db-'));
    dirs.push(dir);
    return join(dir, 'nested', 'dir', 'db.sqlite');
  }

  it('reports each migration it ran, in order', async () => {
    const opened = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    try {
      const results = await migrateToLatest(opened.db);
      expect(results).toEqual(Object.keys(MIGRATIONS).map((migrationName) => ({ migrationName, direction: 'Up', status: 'Success' })));
    } finally {
      await opened.close();
    }
  });

  it('creates the parent directory and sets the pragmas', async () => {
    const opened = await openDatabase({ kind: 'sqlite', file: tempFile() });
    try {
      const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(opened.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(1);
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    } finally {
      await opened.close();
      await opened.close();
    }
  });

  it('keeps data across close and reopen of a file', async () => {
    const file = tempFile();
    const first = await openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(first.db);
    await createDeviceStore(first.db).registerDevice({ id: ID, operator: null, gpuModel: null, hardware, simulated: true }, T0);
    await createNonceStore(first.db).consumeNonce({ signer: ID, nonce: 'n', expiresAt: T0 });
    await first.close();

    const second = await openDatabase({ kind: 'sqlite', file });
    try {
      expect(await migrateToLatest(second.db)).toEqual([]);
      expect(await createDeviceStore(second.db).getDevice(ID)).toMatchObject({ id: ID, simulated: true, hardware });
      expect(await createNonceStore(second.db).consumeNonce({ signer: ID, nonce: 'n', expiresAt: T0 })).toBe(false);
    } finally {
      await second.close();
    }
  });

  it('names the failed migration in an INTERNAL error', async () => {
    const opened = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    try {
      // A table in the way makes 0001 fail.
      await sql`create table devices (x integer)`.execute(opened.db);
      await expect(migrateToLatest(opened.db)).rejects.toMatchObject({ code: 'INTERNAL', data: { migration: '0001-registry' } });
    } finally {
      await opened.close();
    }
  });
});
