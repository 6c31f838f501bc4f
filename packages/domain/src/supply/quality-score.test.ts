import { describe, expect, it } from 'vitest';
import { QUALITY_WEIGHTS, qualityScore, type QualityInputs } from './quality-score';

const perfect: QualityInputs = {
  kind: 'gpu',
  uptime: { last24h: 1, last7d: 1, last30d: 1 },
  tier: 1,
  gpuThroughputRatio: 1,
  clusterThroughputRatio: 1,
  cpuThroughputRatio: 1,
  proofOfWork: { passed: 1000, total: 1000 },
  memoryTest: { passed: 1000, total: 1000 },
};

describe('qualityScore', () => {
  it('publishes weights that sum to 1 for GPU and CPU devices', () => {
    for (const weights of Object.values(QUALITY_WEIGHTS)) expect(Object.values(weights).reduce((a: number, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('scores a perfect device close to 100 and a dead one low', () => {
    expect(qualityScore(perfect).score).toBeGreaterThan(99.9);
    const dead = qualityScore({ ...perfect, uptime: { last24h: 0, last7d: 0, last30d: 0 }, tier: 'unranked', gpuThroughputRatio: 0, clusterThroughputRatio: 0, cpuThroughputRatio: 0, proofOfWork: { passed: 0, total: 50 }, memoryTest: { passed: 0, total: 50 } });
    expect(dead.score).toBeLessThan(1);
  });

  it('follows the formula term by term', () => {
    const result = qualityScore({ ...perfect, uptime: { last24h: 0.5, last7d: 1, last30d: 1 }, tier: 3, proofOfWork: { passed: 0, total: 0 } });
    expect(result.parts.uptime).toBeCloseTo(0.9, 12);
    expect(result.parts).toMatchObject({ network: 0.5, proofOfWorkPassRate: 0.5 });
    const w = QUALITY_WEIGHTS.gpu;
    const expected = 100 * (w.uptime * 0.9 + w.network * 0.5 + w.gpuPerformance + w.clusterPerformance + w.cpuPerformance + w.proofOfWorkPassRate * 0.5 + w.memoryTestPassRate * (1001 / 1002));
    expect(result.score).toBeCloseTo(expected, 2);
  });

  it('caps throughput ratios, uses GPU performance until the device has been in a cluster, and ignores GPU terms for CPU devices', () => {
    expect(qualityScore({ ...perfect, gpuThroughputRatio: 3 }).parts.gpuPerformance).toBe(1);
    expect(qualityScore({ ...perfect, gpuThroughputRatio: 0.4, clusterThroughputRatio: null }).parts.clusterPerformance).toBe(0.4);
    const cpu = { ...perfect, kind: 'cpu' as const, gpuThroughputRatio: 0, clusterThroughputRatio: 0 };
    expect(qualityScore(cpu).score).toBeGreaterThan(99.9);
  });
});
