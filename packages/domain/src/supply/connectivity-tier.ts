/**
 * io.net's four connectivity tiers, by measured download/upload speed in MB/s (never by the
 * operator's word). Tier 1 is the fastest; a device below tier 4 is `unranked`.
 */
export const CONNECTIVITY_TIERS = [
  { tier: 1, downMBps: 1600, upMBps: 1200 },
  { tier: 2, downMBps: 800, upMBps: 600 },
  { tier: 3, downMBps: 400, upMBps: 300 },
  { tier: 4, downMBps: 100, upMBps: 10 },
] as const;

/** A device's tier: 1 (fastest) to 4, or 'unranked'. */
export type ConnectivityTier = 1 | 2 | 3 | 4 | 'unranked';

/**
 * The tier a measured link reaches: the best tier whose download and upload thresholds it
 * both meets.
 * @param measured - download and upload speed, MB/s
 * @param scale - multiplies every threshold (tests on loopback use a small scale) @default 1
 */
export function connectivityTier(measured: { downMBps: number; upMBps: number }, scale = 1): ConnectivityTier {
  for (const t of CONNECTIVITY_TIERS) {
    if (measured.downMBps >= t.downMBps * scale && measured.upMBps >= t.upMBps * scale) return t.tier;
  }
  return 'unranked';
}
