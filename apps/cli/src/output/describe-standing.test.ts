import type { ExplorerDevice } from '@tensorgrid/protocol';
import { describe, expect, it } from 'vitest';
import { describeStanding } from './describe-standing';

const device = {
  location: { country: 'DE', city: 'Berlin', latitude: 52.5, longitude: 13.4 },
  region: { code: 'DE', degraded: true },
  tier: 2,
  network: { throughput: { downMBps: 900, upMBps: 650.25, measuredAt: '2024-01-01T00:00:00.000Z' }, latency: { medianMs: 12, latestMs: 14.5, measuredAt: '2024-01-01T00:00:00.000Z' } },
  quality: { score: 71.5, parts: { uptime: 1, network: 0.75, gpuPerformance: 0, clusterPerformance: 0, cpuPerformance: 0, proofOfWorkPassRate: 0.5, memoryTestPassRate: 0.5 } },
  eligibility: { eligible: false, reasons: [{ code: 'in-trial', until: '2024-01-02T00:00:00.000Z' }] },
  timeScore: { last24h: 1, last7d: 0.5, last30d: 0.25 },
  downtimePerDay: [{ day: '2024-01-01', downMs: 3_600_000 }, { day: '2024-01-02', downMs: 7_200_000 }],
} as unknown as ExplorerDevice;

describe('describeStanding', () => {
  it('prints location, region, network, score, eligibility and uptime', () => {
    const lines = Object.fromEntries(describeStanding(device));
    expect(lines).toMatchObject({
      Location: 'Berlin, DE (52.5, 13.4)',
      Region: 'DE (degraded: downtime not penalised)',
      Network: 'tier 2: 900.0 MB/s down, 650.3 MB/s up (measured 2024-01-01T00:00:00.000Z)',
      Latency: '12.0 ms median, 14.5 ms latest',
      Eligible: 'no: in trial until 2024-01-02T00:00:00.000Z',
      Uptime: '100.0% 24 h, 50.0% 7 d, 25.0% 30 d',
      Downtime: '3.0 h over 30 days, worst 2024-01-02 (2.0 h)',
    });
    expect(lines.Score).toMatch(/^71\.5 \/ 100 \(uptime 1\.00, network 0\.75/);
  });
});
