import type { DeviceListing, IneligibleReason } from '@tensorgrid/domain';
import { publicHardware, type DeviceLocation, type ExplorerDevice, type ExplorerDeviceSummary } from '@tensorgrid/protocol';
import type { DeviceScores } from './core/device-scores';

const iso = (ms: number) => new Date(ms).toISOString();
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Coordinates rounded to 0.1° (about 11 km): a city, never a house. */
function publicLocation(location: DeviceLocation | null): ExplorerDeviceSummary['location'] {
  if (!location) return null;
  return {
    country: location.country,
    ...(location.city === undefined ? {} : { city: location.city }),
    ...(location.latitude === undefined || location.longitude === undefined ? {} : { latitude: round1(location.latitude), longitude: round1(location.longitude) }),
  };
}

function publicReason(reason: IneligibleReason) {
  return reason.code === 'in-trial' ? { code: reason.code, until: iso(reason.untilMs) } : reason;
}

/**
 * A device as an explorer list shows it. Fields are picked one by one: nothing private can
 * slip through by being added to the record later.
 * @param listing - the device and its network
 * @param scores - its computed scores
 */
export function toExplorerSummary(listing: DeviceListing, scores: DeviceScores): ExplorerDeviceSummary {
  const d = listing.device;
  return {
    id: d.id,
    operator: d.operator,
    state: d.state,
    kind: d.hardware.kind,
    gpuModel: d.gpuModel,
    gpuCount: d.hardware.gpus.length,
    simulated: d.simulated,
    location: publicLocation(d.location),
    tier: listing.network.throughput?.tier ?? null,
    score: scores.quality.score,
    eligible: scores.eligibility.kind === 'eligible',
    registeredAt: iso(d.registeredAt),
    lastHeartbeatAt: d.lastHeartbeatAt === null ? null : iso(d.lastHeartbeatAt),
  };
}

/**
 * A device in full as the explorer shows it: hardware without GPU UUIDs or bus ids (`publicHardware`).
 * @param listing - the device and its network
 * @param view - its scores and its region
 */
export function toExplorerDevice(listing: DeviceListing, view: { scores: DeviceScores; region: { code: string; degraded: boolean } }): ExplorerDevice {
  const { device: d, network: n } = listing;
  const { scores } = view;
  return {
    ...toExplorerSummary(listing, scores),
    hardware: publicHardware(d.hardware),
    stateChangedAt: iso(d.stateChangedAt),
    network: {
      throughput: n.throughput && { downMBps: n.throughput.downMBps, upMBps: n.throughput.upMBps, measuredAt: iso(n.throughput.measuredAt) },
      latency: n.latency && { medianMs: n.latency.medianMs, latestMs: n.latency.latestMs, measuredAt: iso(n.latency.measuredAt) },
    },
    quality: scores.quality,
    eligibility: scores.eligibility.kind === 'eligible' ? { eligible: true, reasons: [] } : { eligible: false, reasons: scores.eligibility.reasons.map(publicReason) },
    timeScore: scores.timeScore,
    downtimePerDay: scores.downtimePerDay.map((x) => ({ day: iso(x.day).slice(0, 10), downMs: x.downMs })),
    region: view.region,
  };
}
