import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobChallenge, JobChallengeStore } from '@tensorgrid/domain';
import { DIALECTS, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createJobChallengeStore } from '../src/job-challenge-store';

const VERIFIER = '0x00000000000000000000000000000000000000aa';
const OTHER = '0x00000000000000000000000000000000000000bb';
const challenge = (jobId: number, over: Partial<JobChallenge> = {}): JobChallenge => ({
  jobId: BigInt(jobId), round: 0, verifier: VERIFIER, steps: [0, 17, 63], beacon: `0x${'ab'.repeat(32)}`, issuedAt: 1_900_000_000_000, respondBy: 1_900_000_600_000, ...over,
});

describe.each(DIALECTS)('JobChallengeStore on %s', (kind) => {
  let database: TestDatabase;
  let store: JobChallengeStore;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createJobChallengeStore(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  it('keeps the first challenge of a job and round: the same one again is `same`, another is refused with the one kept', async () => {
    expect(await store.getChallenge(1n, 0)).toBeUndefined();
    expect(await store.putChallenge(challenge(1))).toEqual({ kind: 'created' });
    expect(await store.getChallenge(1n, 0)).toEqual(challenge(1));
    expect(await store.putChallenge(challenge(1))).toEqual({ kind: 'same' });
    expect(await store.putChallenge(challenge(1, { verifier: OTHER }))).toEqual({ kind: 'taken', existing: challenge(1) });
    expect(await store.putChallenge(challenge(1, { steps: [0, 5] }))).toEqual({ kind: 'taken', existing: challenge(1) });
    expect(await store.putChallenge(challenge(2, { verifier: OTHER }))).toEqual({ kind: 'created' });
    expect((await store.getChallenge(2n, 0))?.verifier).toBe(OTHER);
  });

  it('a later round has its own challenge, and challengesOf lists every round in order', async () => {
    await store.putChallenge(challenge(1));
    expect(await store.getChallenge(1n, 1)).toBeUndefined();
    const second = challenge(1, { round: 1, verifier: OTHER, steps: [0, 9, 63], issuedAt: 1_900_001_000_000 });
    expect(await store.putChallenge(second)).toEqual({ kind: 'created' });
    expect(await store.putChallenge(challenge(1, { round: 1 }))).toEqual({ kind: 'taken', existing: second });
    expect(await store.getChallenge(1n, 1)).toEqual(second);
    expect(await store.getChallenge(1n, 0)).toEqual(challenge(1));
    expect(await store.challengesOf(1n)).toEqual([challenge(1), second]);
    expect(await store.challengesOf(2n)).toEqual([]);
  });

  it('openings are write-once: an identical repeat is `same`, a different body is a conflict and the first is kept', async () => {
    const at = 1_900_000_100_000;
    expect(await store.putOpening({ jobId: 1n, step: 17, body: '{"a":1}', receivedAt: at })).toBe('stored');
    expect(await store.putOpening({ jobId: 1n, step: 17, body: '{"a":1}', receivedAt: at + 5 })).toBe('same');
    expect(await store.putOpening({ jobId: 1n, step: 17, body: '{"a":2}', receivedAt: at + 9 })).toBe('conflict');
    expect(await store.getOpening(1n, 17)).toEqual({ jobId: 1n, step: 17, body: '{"a":1}', receivedAt: at });
    expect(await store.getOpening(1n, 18)).toBeUndefined();
    await store.putOpening({ jobId: 1n, step: 0, body: '{}', receivedAt: at });
    await store.putOpening({ jobId: 2n, step: 3, body: '{}', receivedAt: at });
    expect(await store.answeredSteps(1n)).toEqual([0, 17]);
    expect(await store.answeredSteps(3n)).toEqual([]);
  });

  it('a verdict report is write-once per round: the same report again is `same`, another body or verifier is a conflict and the first is kept', async () => {
    const at = 1_900_000_200_000;
    const report = { jobId: 7n, round: 0, verifier: VERIFIER, body: '{"passed":false,"failures":[{"step":3,"kind":"withheld"}]}', receivedAt: at };
    expect(await store.getVerdictReport(7n, 0)).toBeUndefined();
    expect(await store.putVerdictReport(report)).toBe('stored');
    expect(await store.putVerdictReport({ ...report, receivedAt: at + 5 })).toBe('same');
    expect(await store.putVerdictReport({ ...report, body: '{"passed":true,"failures":[]}' })).toBe('conflict');
    expect(await store.putVerdictReport({ ...report, verifier: OTHER })).toBe('conflict');
    expect(await store.getVerdictReport(7n, 0)).toEqual(report);
    expect(await store.getVerdictReport(8n, 0)).toBeUndefined();
    const next = { ...report, round: 1, verifier: OTHER, body: '{"passed":true,"failures":[]}' };
    expect(await store.putVerdictReport(next)).toBe('stored');
    expect(await store.getVerdictReport(7n, 1)).toEqual(next);
    expect(await store.getVerdictReport(7n, 0)).toEqual(report);
  });

  it('step hashes are write-once and read back in order: the same hashes again are `same`, others a conflict and the first are kept', async () => {
    const at = 1_900_000_300_000;
    const hashes = Array.from({ length: 5 }, (_, i) => i.toString(16).padStart(2, '0').repeat(32));
    expect(await store.getStepHashes(4n)).toBeUndefined();
    expect(await store.putStepHashes({ jobId: 4n, hashes, receivedAt: at })).toBe('stored');
    expect(await store.putStepHashes({ jobId: 4n, hashes, receivedAt: at + 5 })).toBe('same');
    expect(await store.putStepHashes({ jobId: 4n, hashes: hashes.slice(1), receivedAt: at + 9 })).toBe('conflict');
    expect(await store.getStepHashes(4n)).toEqual({ jobId: 4n, hashes, receivedAt: at });
  });

  it('an auditor keeps one opening per job: the same again is `same`, another step or body a conflict; other auditors have their own', async () => {
    const at = 1_900_000_400_000;
    const audit = { jobId: 9n, auditor: VERIFIER, step: 41, body: '{"state":"AA=="}', receivedAt: at };
    expect(await store.getAuditOpening(9n, VERIFIER)).toBeUndefined();
    expect(await store.putAuditOpening(audit)).toBe('stored');
    expect(await store.putAuditOpening({ ...audit, receivedAt: at + 5 })).toBe('same');
    expect(await store.putAuditOpening({ ...audit, step: 42 })).toBe('conflict');
    expect(await store.putAuditOpening({ ...audit, body: '{}' })).toBe('conflict');
    expect(await store.getAuditOpening(9n, VERIFIER)).toEqual(audit);
    expect(await store.putAuditOpening({ ...audit, auditor: OTHER, step: 7 })).toBe('stored');
    expect((await store.getAuditOpening(9n, OTHER))?.step).toBe(7);
    expect(await store.getAuditOpening(10n, VERIFIER)).toBeUndefined();
  });

  it('racing writers agree on one winner', async () => {
    const results = await Promise.all([store.putChallenge(challenge(5)), store.putChallenge(challenge(5, { verifier: OTHER }))]);
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
    const kept = await store.getChallenge(5n, 0);
    expect(results.find((r) => r.kind === 'taken')).toEqual({ kind: 'taken', existing: kept });
  });
});
