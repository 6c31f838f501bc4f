import type { DeviceListing } from '@tensorgrid/domain';
import { sampleHardware } from '@tensorgrid/test-utils';
import { describe, expect, it } from 'vitest';
import { deviceScores } from './device-scores';

const H = 3_600_000;
const D = 24 * H;
const now = 100 * D;

function listing(overrides: Partial<DeviceListing['device']> = {}): DeviceListing {
  return {
    device: { id: `0x${'a'.repeat(40)}`, operator: null, state: 'available', gpuModel: null, hardware: sampleHardware(), simulated: false, registeredAt: now - 10 * D, stateChangedAt: now - 10 * D, lastHeartbeatAt: now, heartbeatSeq: 1, location: { country: 'DE' }, ...overrides },
    network: { throughput: { downMBps: 2000, upMBps: 2000, tier: 1, measuredAt: now }, latency: null },
  };
}

describe('deviceScores', () => {
  it('forgives downtime inside degraded intervals in the time score and the downtime per day', () => {
    const changes = [{ at: now - 10 * D, up: true }, { at: now - 12 * H, up: false }, { at: now - 6 * H, up: true }];
    const plain = deviceScores(listing(), { changes, degraded: [], challenges: [], now });
    expect(plain.timeScore.last24h).toBeCloseTo(0.75, 12);
    const forgiven = deviceScores(listing(), { changes, degraded: [{ from: now - 13 * H, to: now - 6 * H }], challenges: [], now });
    expect(forgiven.timeScore.last24h).toBe(1);
    expect(forgiven.downtimePerDay.every((d) => d.downMs === 0)).toBe(true);
    expect(plain.downtimePerDay.reduce((s, d) => s + d.downMs, 0)).toBe(6 * H);
    expect(forgiven.quality.score).toBeGreaterThan(plain.quality.score);
  });

  it('does not count degraded time toward the downtime limit of eligibility', () => {
    const down = listing({ state: 'down', stateChangedAt: now - 50 * H, registeredAt: now - 60 * D });
    const changes = [{ at: now - 60 * D, up: true }, { at: now - 50 * H, up: false }];
    const challenges = [{ id: 'c', deviceId: down.device.id, kind: 'memory' as const, issuedAt: now - D, finishedAt: now - D, passed: true, reason: null, metrics: {} }];
    const strict = deviceScores(down, { changes, degraded: [], challenges, now });
    expect(strict.eligibility).toMatchObject({ kind: 'ineligible' });
    expect(strict.eligibility.kind === 'ineligible' && strict.eligibility.reasons.map((r) => r.code)).toContain('down-too-long');
    const forgiven = deviceScores(down, { changes, degraded: [{ from: now - 50 * H, to: now - 40 * H }], challenges, now });
    expect(forgiven.eligibility.kind === 'ineligible' && forgiven.eligibility.reasons.map((r) => r.code)).not.toContain('down-too-long');
  });

  it('takes pass rates from challenge results, and CPU performance as the compute rate seen ÷ the rate claimed', () => {
    const base = { deviceId: 'x', finishedAt: now, reason: null, metrics: {} };
    const challenges = [
      { ...base, id: '1', kind: 'pow' as const, issuedAt: now - 3, passed: true },
      { ...base, id: '2', kind: 'pow' as const, issuedAt: now - 2, passed: false },
      { ...base, id: '3', kind: 'compute' as const, issuedAt: now - 1, passed: true, metrics: { rate: 0.3e9, claimedFlops: 0.6e9 } },
    ];
    const { quality } = deviceScores(listing(), { changes: [], degraded: [], challenges, now });
    expect(quality.parts).toMatchObject({ proofOfWorkPassRate: 0.5, memoryTestPassRate: 0.5, cpuPerformance: 0.5, network: 1 });
  });

  it('leaves out of the pass rates a deadline miss that the next challenge of its kind passed', () => {
    const base = { deviceId: 'x', finishedAt: now, metrics: {} };
    const memory = (id: string, issuedAt: number, reason: string | null) => ({ ...base, id, kind: 'memory' as const, issuedAt, passed: reason === null, reason });
    const rate = (challenges: ReturnType<typeof memory>[]) => deviceScores(listing(), { changes: [], degraded: [], challenges, now }).quality.parts.memoryTestPassRate;
    const miss = memory('1', now - 10 * 60_000, 'deadline-missed');
    const pass = memory('3', now - 60_000, null);
    expect(rate([miss, pass])).toBe(rate([pass]));
    expect(rate([miss, pass])).toBeGreaterThan(rate([memory('1', now - 10 * 60_000, 'wrong-answer'), pass]));
    // Confirmed: the retry missed too; only that second miss is forgiven (the pass after it).
    expect(rate([miss, memory('2', now - 5 * 60_000, 'deadline-missed'), pass])).toBe(rate([memory('1', now - 10 * 60_000, 'wrong-answer'), pass]));
  });
});
