/**
 * What the fleet simulator draws from: GPU models with their memory and share of a
 * public-network fleet, cities, and connection speeds. Shares are rough figures for a
 * consumer-heavy open network (gaming GPUs most common, data-centre cards rarer), not
 * measurements; they only need to be plausible spreads.
 */
export const SIMULATED_GPU_MODELS = [
  { model: 'NVIDIA GeForce RTX 4090', vramMiB: 24_564, share: 0.28, maxCards: 8 },
  { model: 'NVIDIA GeForce RTX 3090', vramMiB: 24_576, share: 0.2, maxCards: 8 },
  { model: 'NVIDIA GeForce RTX 3080', vramMiB: 10_240, share: 0.12, maxCards: 4 },
  { model: 'NVIDIA L40S', vramMiB: 46_068, share: 0.08, maxCards: 8 },
  { model: 'NVIDIA A100-SXM4-80GB', vramMiB: 81_920, share: 0.1, maxCards: 8 },
  { model: 'NVIDIA H100 80GB HBM3', vramMiB: 81_559, share: 0.07, maxCards: 8 },
  { model: null, vramMiB: 0, share: 0.15, maxCards: 0 },
] as const;

/** Cities with their ISO 3166-1 alpha-2 country and coordinates. */
export const SIMULATED_CITIES = [
  { country: 'US', city: 'Ashburn', lat: 39.04, lon: -77.49 },
  { country: 'US', city: 'San Jose', lat: 37.34, lon: -121.89 },
  { country: 'CA', city: 'Montreal', lat: 45.5, lon: -73.57 },
  { country: 'DE', city: 'Frankfurt', lat: 50.11, lon: 8.68 },
  { country: 'NL', city: 'Amsterdam', lat: 52.37, lon: 4.9 },
  { country: 'FI', city: 'Helsinki', lat: 60.17, lon: 24.94 },
  { country: 'PL', city: 'Warsaw', lat: 52.23, lon: 21.01 },
  { country: 'SG', city: 'Singapore', lat: 1.35, lon: 103.82 },
  { country: 'JP', city: 'Tokyo', lat: 35.68, lon: 139.69 },
  { country: 'KR', city: 'Seoul', lat: 37.57, lon: 126.98 },
  { country: 'IN', city: 'Mumbai', lat: 19.08, lon: 72.88 },
  { country: 'BR', city: 'Sao Paulo', lat: -23.55, lon: -46.63 },
  { country: 'AU', city: 'Sydney', lat: -33.87, lon: 151.21 },
] as const;

/** Connection classes (MB/s down/up, RTT to the coordinator) and their shares. */
export const SIMULATED_LINKS = [
  { downMBps: 1_800, upMBps: 1_400, latencyMs: 8, share: 0.1 },
  { downMBps: 900, upMBps: 700, latencyMs: 20, share: 0.2 },
  { downMBps: 450, upMBps: 320, latencyMs: 35, share: 0.3 },
  { downMBps: 120, upMBps: 15, latencyMs: 60, share: 0.3 },
  { downMBps: 40, upMBps: 5, latencyMs: 120, share: 0.1 },
] as const;
