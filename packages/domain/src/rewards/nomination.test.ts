import { describe, expect, it } from 'vitest';
import { DEFAULT_NOMINATION_POLICY, nominate, upStreakAt, type NominationEvidence } from './nomination';

const H = 3_600_000;
const FROM = 100 * H;
const window = { fromMs: FROM, toMs: FROM + H };
const honest: NominationEvidence = {
  window,
  changes: [{ at: FROM - 10 * H, up: true }],
  challenges: [{ kind: 'compute', issuedAt: FROM - 2 * H, passed: true, reason: null }],
  stake: { active: 200n * 10n ** 18n, minimum: 200n * 10n ** 18n, meetsMinimum: true },
  blocked: false,
  simulated: false,
  score: 80,
};
const codes = (e: NominationEvidence, policy = DEFAULT_NOMINATION_POLICY) => {
  const n = nominate(e, policy);
  return n.kind === 'nominated' ? [] : n.failed.map((f) => f.code);
};

describe('upStreakAt', () => {
  it('measures the continuous up interval ending at a time; a restart resets it', () => {
    expect(upStreakAt([{ at: 0, up: true }], 5 * H)).toBe(5 * H);
    expect(upStreakAt([{ at: 0, up: true }, { at: H, up: true }], 5 * H)).toBe(5 * H);
    expect(upStreakAt([{ at: 0, up: true }, { at: 4 * H, up: false }, { at: 4 * H + 30_000, up: true }], 5 * H)).toBe(H - 30_000);
    expect(upStreakAt([{ at: 0, up: true }, { at: 4 * H, up: false }], 5 * H)).toBe(0);
    expect(upStreakAt([], 5 * H)).toBe(0);
    expect(upStreakAt([{ at: 6 * H, up: true }], 5 * H)).toBe(0);
  });
});

describe('nominate', () => {
  it('nominates an honest device: up, 5 h streak, challenges passed, staked, not blocked', () => {
    expect(nominate(honest)).toEqual({ kind: 'nominated' });
  });

  it('misses a device down during the block, with how long it was up', () => {
    const n = nominate({ ...honest, changes: [...honest.changes, { at: FROM + H / 2, up: false }] });
    expect(n).toEqual({ kind: 'missed', failed: [{ code: 'not-up', upMs: H / 2, requiredMs: H }] });
  });

  it('misses a device with a short streak (T23: a reconnect every 30 s never builds 5 h)', () => {
    const churn = [];
    for (let t = FROM - 6 * H; t < FROM + H; t += 30_000) churn.push({ at: t, up: true }, { at: t + 29_000, up: false });
    const n = nominate({ ...honest, changes: churn });
    expect(n.kind).toBe('missed');
    expect(codes({ ...honest, changes: churn })).toEqual(['not-up', 'uptime-streak-short']);
    const fresh = nominate({ ...honest, changes: [{ at: FROM - 4 * H, up: true }] });
    expect(fresh).toEqual({ kind: 'missed', failed: [{ code: 'uptime-streak-short', streakMs: 4 * H, requiredMs: 5 * H }] });
  });

  it('misses failed or absent challenges (T23: a stub that never passes earns 0)', () => {
    expect(codes({ ...honest, challenges: [{ kind: 'compute', issuedAt: FROM, passed: false, reason: 'wrong-answer' }] })).toEqual(['challenges-failed', 'no-challenge-passed']);
    expect(codes({ ...honest, challenges: [] })).toEqual(['no-challenge-passed']);
    expect(codes({ ...honest, challenges: [{ kind: 'compute', issuedAt: FROM - 25 * H, passed: true, reason: null }] })).toEqual(['no-challenge-passed']);
    expect(codes({ ...honest, challenges: [] }, { ...DEFAULT_NOMINATION_POLICY, requirePassedChallenge: false })).toEqual([]);
  });

  it('forgives a deadline miss that the next challenge of its kind passed within the confirmation window, and counts a confirmed one', () => {
    const miss = { kind: 'memory' as const, issuedAt: FROM + 10 * 60_000, passed: false, reason: 'deadline-missed' };
    const retry = (minutes: number, reason: string | null) => ({ kind: 'memory' as const, issuedAt: miss.issuedAt + minutes * 60_000, passed: reason === null, reason });
    expect(codes({ ...honest, challenges: [...honest.challenges, miss, retry(5, null)] })).toEqual([]);
    expect(codes({ ...honest, challenges: [...honest.challenges, miss, retry(5, 'deadline-missed')] })).toEqual(['challenges-failed']);
    expect(codes({ ...honest, challenges: [...honest.challenges, miss] })).toEqual(['challenges-failed']);
    expect(codes({ ...honest, challenges: [...honest.challenges, miss, retry(5, null)] }, { ...DEFAULT_NOMINATION_POLICY, missConfirmationWindowMs: 60_000 })).toEqual(['challenges-failed']);
  });

  it('lets a re-challenge issued after the block\'s end (within the confirmation window) forgive a late answer before it, and counts nothing issued after the end', () => {
    const end = FROM + H;
    const miss = { kind: 'memory' as const, issuedAt: end - 8 * 60_000, passed: false, reason: 'deadline-missed' };
    const after = (minutes: number, reason: string | null) => ({ kind: 'memory' as const, issuedAt: end + minutes * 60_000, passed: reason === null, reason });
    expect(codes({ ...honest, challenges: [...honest.challenges, miss, after(3, null)] })).toEqual([]);
    expect(codes({ ...honest, challenges: [...honest.challenges, miss, after(3, 'deadline-missed')] })).toEqual(['challenges-failed']);
    // Past the window after the miss: too late to forgive it.
    expect(codes({ ...honest, challenges: [...honest.challenges, miss, after(8, null)] })).toEqual(['challenges-failed']);
    // Results issued after the end count for the next block, not this one: neither a failure nor the only pass.
    expect(codes({ ...honest, challenges: [...honest.challenges, after(1, 'wrong-answer')] })).toEqual([]);
    expect(codes({ ...honest, challenges: [after(1, null)] })).toEqual(['no-challenge-passed']);
  });

  it('misses low stake, blocked and simulated devices, listing every criterion', () => {
    const n = nominate({ ...honest, stake: { active: 5n, minimum: 10n, meetsMinimum: false }, blocked: true, simulated: true });
    expect(n).toEqual({
      kind: 'missed',
      failed: [{ code: 'stake-below-minimum', stake: '5', minimum: '10' }, { code: 'blocked' }, { code: 'simulated' }],
    });
    expect(codes({ ...honest, simulated: true }, { ...DEFAULT_NOMINATION_POLICY, allowSimulated: true })).toEqual([]);
  });

  it('misses a device whose quality score at the block end is below the market threshold (it is out of the market), at the threshold it earns', () => {
    expect(nominate({ ...honest, score: 39.5 })).toEqual({ kind: 'missed', failed: [{ code: 'score-below-threshold', score: 39.5, threshold: 40 }] });
    expect(codes({ ...honest, score: 40 })).toEqual([]);
    expect(codes({ ...honest, score: 39.5 }, { ...DEFAULT_NOMINATION_POLICY, scoreThreshold: 30 })).toEqual([]);
  });

  it('honours a partial up share', () => {
    const e = { ...honest, changes: [...honest.changes, { at: FROM + 0.95 * H, up: false }] };
    expect(codes(e)).toEqual(['not-up']);
    expect(codes(e, { ...DEFAULT_NOMINATION_POLICY, minUpShare: 0.9 })).toEqual([]);
  });
});
