import type { SimulatedDevice } from './plan-simulated-fleet';

const EARTH_RADIUS_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * The great-circle distance between two points (haversine), km.
 * @param a - latitude and longitude, degrees
 * @param b - latitude and longitude, degrees
 */
export function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Light in fibre covers about 200 km per ms, and routes run about 1.5× the great circle. */
const RTT_MS_PER_KM = (2 * 1.5) / 200;

/**
 * SIMULATED: the link between two devices of the devnet's fleet, for their cluster probes.
 * The round trip is the fibre time over the great circle between their declared cities plus
 * a quarter of each device's access latency (its RTT to the coordinator, which also crosses
 * its last mile); the throughput is capped by the prober's upload and the peer's download.
 * Deterministic for a fleet seed, so a probe on the devnet yields a plausible, uneven matrix.
 * @param from - the prober
 * @param to - the peer it measures
 */
export function simulatedPeerLink(from: Pick<SimulatedDevice, 'location' | 'link'>, to: Pick<SimulatedDevice, 'location' | 'link'>): { extraRttMs: number; maxGbps: number } {
  return {
    extraRttMs: greatCircleKm(from.location, to.location) * RTT_MS_PER_KM + (from.link.latencyMs + to.link.latencyMs) / 4,
    maxGbps: (Math.min(from.link.upMBps, to.link.downMBps) * 8) / 1000,
  };
}
