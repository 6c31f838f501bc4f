import type { ConnectivityTier } from './connectivity-tier';

/**
 * The published quality-score formula. Every input is measured by the network, never
 * declared, and normalised to 0..1; the score is 0..100.
 *
 *   score = 100 × Σ weight × input
 *
 * | input | weight (GPU device) | weight (CPU device) | what it is |
 * | --- | --- | --- | --- |
 * | uptime | 0.30 | 0.30 | 0.2 × last 24 h + 0.5 × last 7 d + 0.3 × last 30 d |
 * | network | 0.15 | 0.15 | connectivity tier: 1 → 1, 2 → 0.75, 3 → 0.5, 4 → 0.25, unranked → 0 |
 * | gpuPerformance | 0.15 | 0 | measured GPU throughput ÷ the reference for its model, capped at 1 |
 * | clusterPerformance | 0.10 | 0 | achieved ÷ expected throughput inside clusters (GPU performance until it has been in one) |
 * | cpuPerformance | 0.05 | 0.30 | measured CPU throughput ÷ reference, capped at 1 |
 * | proofOfWorkPassRate | 0.10 | 0.10 | (passed + 1) ÷ (challenges + 2) |
 * | memoryTestPassRate | 0.15 | 0.15 | (passed + 1) ÷ (challenges + 2) |
 *
 * Pass rates use Laplace's rule, so a new device starts at 0.5 rather than at 0 or 1, and a
 * single early failure does not sink it. A CPU device's GPU weights go to CPU performance.
 */
export const QUALITY_WEIGHTS = {
  gpu: { uptime: 0.3, network: 0.15, gpuPerformance: 0.15, clusterPerformance: 0.1, cpuPerformance: 0.05, proofOfWorkPassRate: 0.1, memoryTestPassRate: 0.15 },
  cpu: { uptime: 0.3, network: 0.15, gpuPerformance: 0, clusterPerformance: 0, cpuPerformance: 0.3, proofOfWorkPassRate: 0.1, memoryTestPassRate: 0.15 },
} as const;

/** Below this score a device is removed from the market. */
export const DEFAULT_SCORE_THRESHOLD = 40;

/** What the quality score is computed from. */
export interface QualityInputs {
  kind: 'gpu' | 'cpu';
  uptime: { last24h: number; last7d: number; last30d: number };
  tier: ConnectivityTier;
  /** Measured ÷ reference throughput (any non-negative ratio; capped at 1). */
  gpuThroughputRatio: number;
  /** Inside clusters; null until the device has been in one. */
  clusterThroughputRatio: number | null;
  cpuThroughputRatio: number;
  proofOfWork: { passed: number; total: number };
  memoryTest: { passed: number; total: number };
}

/** The score and each input's normalised value, so a supplier can see why. */
export interface QualityScore {
  score: number;
  parts: Record<keyof (typeof QUALITY_WEIGHTS)['gpu'], number>;
}

const TIER_VALUE: Record<ConnectivityTier, number> = { 1: 1, 2: 0.75, 3: 0.5, 4: 0.25, unranked: 0 };
const clamp01 = (x: number) => Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0));
const laplace = ({ passed, total }: { passed: number; total: number }) => (Math.min(passed, total) + 1) / (Math.max(total, 0) + 2);

/**
 * Computes a device's quality score with the published formula ({@link QUALITY_WEIGHTS}).
 * @param inputs - the device's measurements
 */
export function qualityScore(inputs: QualityInputs): QualityScore {
  const gpu = clamp01(inputs.gpuThroughputRatio);
  const parts = {
    uptime: clamp01(0.2 * inputs.uptime.last24h + 0.5 * inputs.uptime.last7d + 0.3 * inputs.uptime.last30d),
    network: TIER_VALUE[inputs.tier],
    gpuPerformance: gpu,
    clusterPerformance: inputs.clusterThroughputRatio === null ? gpu : clamp01(inputs.clusterThroughputRatio),
    cpuPerformance: clamp01(inputs.cpuThroughputRatio),
    proofOfWorkPassRate: laplace(inputs.proofOfWork),
    memoryTestPassRate: laplace(inputs.memoryTest),
  };
  const weights = QUALITY_WEIGHTS[inputs.kind];
  const score = 100 * (Object.keys(parts) as (keyof typeof parts)[]).reduce((sum, key) => sum + weights[key] * parts[key], 0);
  return { score: Math.round(score * 100) / 100, parts };
}
