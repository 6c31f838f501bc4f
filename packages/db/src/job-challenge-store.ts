import type { JobChallenge, JobChallengeStore, StoredAuditOpening, StoredOpening, StoredStepHashes, StoredVerdictReport } from '@tensorgrid/domain';
import type { Kysely, Selectable } from 'kysely';
import type { JobChallengesTable } from './job-challenge-tables';
import type { Database } from './schema';

/**
 * The challenge exchange (and audits) over Kysely, the same SQL on SQLite and PostgreSQL. Every put inserts
 * with ON CONFLICT DO NOTHING and then read back what is stored, so two racing writers agree
 * on one winner and nothing is ever overwritten.
 * @param db - an open, migrated database
 */
export function createJobChallengeStore(db: Kysely<Database>): JobChallengeStore {
  const getChallenge = async (jobId: bigint, round: number): Promise<JobChallenge | undefined> => {
    const row = await db.selectFrom('job_challenges').selectAll().where('job_id', '=', Number(jobId)).where('round', '=', round).executeTakeFirst();
    return row && toChallenge(row);
  };
  const getOpening = async (jobId: bigint, step: number): Promise<StoredOpening | undefined> => {
    const row = await db.selectFrom('job_openings').selectAll().where('job_id', '=', Number(jobId)).where('step', '=', step).executeTakeFirst();
    return row && { jobId: BigInt(row.job_id), step: Number(row.step), body: row.body, receivedAt: Number(row.received_at) };
  };

  const getVerdictReport = async (jobId: bigint, round: number): Promise<StoredVerdictReport | undefined> => {
    const row = await db.selectFrom('job_verdict_reports').selectAll().where('job_id', '=', Number(jobId)).where('round', '=', round).executeTakeFirst();
    return row && { jobId: BigInt(row.job_id), round: Number(row.round), verifier: row.verifier, body: row.body, receivedAt: Number(row.received_at) };
  };

  const getStepHashes = async (jobId: bigint): Promise<StoredStepHashes | undefined> => {
    const row = await db.selectFrom('job_step_hashes').selectAll().where('job_id', '=', Number(jobId)).executeTakeFirst();
    return row && { jobId: BigInt(row.job_id), hashes: row.hashes.match(/.{64}/g) ?? [], receivedAt: Number(row.received_at) };
  };

  const getAuditOpening = async (jobId: bigint, auditor: string): Promise<StoredAuditOpening | undefined> => {
    const row = await db.selectFrom('job_audit_openings').selectAll().where('job_id', '=', Number(jobId)).where('auditor', '=', auditor).executeTakeFirst();
    return row && { jobId: BigInt(row.job_id), auditor: row.auditor, step: Number(row.step), body: row.body, receivedAt: Number(row.received_at) };
  };

  return {
    getChallenge,
    getOpening,

    async challengesOf(jobId) {
      const rows = await db.selectFrom('job_challenges').selectAll().where('job_id', '=', Number(jobId)).orderBy('round').execute();
      return rows.map(toChallenge);
    },
    getVerdictReport,
    getStepHashes,
    getAuditOpening,

    async putStepHashes(published) {
      const hashes = published.hashes.join('');
      const inserted = await db
        .insertInto('job_step_hashes')
        .values({ job_id: Number(published.jobId), hashes, received_at: published.receivedAt })
        .onConflict((oc) => oc.column('job_id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return 'stored';
      return (await getStepHashes(published.jobId))?.hashes.join('') === hashes ? 'same' : 'conflict';
    },

    async putAuditOpening(opening) {
      const inserted = await db
        .insertInto('job_audit_openings')
        .values({ job_id: Number(opening.jobId), auditor: opening.auditor, step: opening.step, body: opening.body, received_at: opening.receivedAt })
        .onConflict((oc) => oc.columns(['job_id', 'auditor']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return 'stored';
      const kept = await getAuditOpening(opening.jobId, opening.auditor);
      return kept?.step === opening.step && kept.body === opening.body ? 'same' : 'conflict';
    },

    async putVerdictReport(report) {
      const inserted = await db
        .insertInto('job_verdict_reports')
        .values({ job_id: Number(report.jobId), round: report.round, verifier: report.verifier, body: report.body, received_at: report.receivedAt })
        .onConflict((oc) => oc.columns(['job_id', 'round']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return 'stored';
      const kept = await getVerdictReport(report.jobId, report.round);
      return kept?.body === report.body && kept.verifier === report.verifier ? 'same' : 'conflict';
    },

    async putChallenge(challenge) {
      const inserted = await db
        .insertInto('job_challenges')
        .values({
          job_id: Number(challenge.jobId), round: challenge.round, verifier: challenge.verifier, steps: JSON.stringify(challenge.steps), beacon: challenge.beacon,
          issued_at: challenge.issuedAt, respond_by: challenge.respondBy,
        })
        .onConflict((oc) => oc.columns(['job_id', 'round']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { kind: 'created' };
      const existing = await getChallenge(challenge.jobId, challenge.round);
      if (!existing) throw new Error(`job ${challenge.jobId}: round ${challenge.round}'s challenge neither inserted nor found`);
      const same = existing.verifier === challenge.verifier && existing.beacon === challenge.beacon && JSON.stringify(existing.steps) === JSON.stringify(challenge.steps);
      return same ? { kind: 'same' } : { kind: 'taken', existing };
    },

    async putOpening(opening) {
      const inserted = await db
        .insertInto('job_openings')
        .values({ job_id: Number(opening.jobId), step: opening.step, body: opening.body, received_at: opening.receivedAt })
        .onConflict((oc) => oc.columns(['job_id', 'step']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return 'stored';
      return (await getOpening(opening.jobId, opening.step))?.body === opening.body ? 'same' : 'conflict';
    },

    async answeredSteps(jobId) {
      const rows = await db.selectFrom('job_openings').select('step').where('job_id', '=', Number(jobId)).orderBy('step').execute();
      return rows.map((r) => Number(r.step));
    },
  };
}

function toChallenge(row: Selectable<JobChallengesTable>): JobChallenge {
  return {
    jobId: BigInt(row.job_id), round: Number(row.round), verifier: row.verifier, steps: JSON.parse(row.steps) as number[], beacon: row.beacon,
    issuedAt: Number(row.issued_at), respondBy: Number(row.respond_by),
  };
}
