import { describe, expect, it } from 'vitest';
import { SIMULATED_CITIES } from './fleet-catalogue';
import { greatCircleKm, simulatedPeerLink } from './simulated-peer-link';

const city = (name: string) => SIMULATED_CITIES.find((c) => c.city === name)!;
const link = { downMBps: 450, upMBps: 320, latencyMs: 20 };

describe('simulated peer links', () => {
  it('measures great-circle distances', () => {
    expect(greatCircleKm(city('Frankfurt'), city('Frankfurt'))).toBe(0);
    expect(greatCircleKm(city('Frankfurt'), city('Amsterdam'))).toBeCloseTo(365, -1);
    expect(greatCircleKm(city('Frankfurt'), city('Sydney'))).toBeCloseTo(16_480, -2);
    expect(greatCircleKm(city('Tokyo'), city('Sao Paulo'))).toBeCloseTo(greatCircleKm(city('Sao Paulo'), city('Tokyo')), 6);
  });

  it('gives a farther pair the longer round trip, and caps throughput by the prober\'s upload and the peer\'s download', () => {
    const frankfurt = { location: city('Frankfurt'), link };
    const near = simulatedPeerLink(frankfurt, { location: city('Amsterdam'), link });
    const far = simulatedPeerLink(frankfurt, { location: city('Sydney'), link });
    expect(near.extraRttMs).toBeCloseTo(365 * 0.015 + 10, 0);
    expect(far.extraRttMs).toBeGreaterThan(near.extraRttMs + 200);
    const slow = { location: city('Amsterdam'), link: { downMBps: 40, upMBps: 5, latencyMs: 120 } };
    expect(simulatedPeerLink(frankfurt, slow).maxGbps).toBeCloseTo(0.32, 6);
    expect(simulatedPeerLink(slow, frankfurt).maxGbps).toBeCloseTo(0.04, 6);
  });
});
