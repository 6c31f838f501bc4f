import { forgiveDowntime, regionOf, upMillis, type ChallengeResultStore, type DeviceDirectory, type DeviceDirectoryFilter, type DeviceListing, type EligibilityPolicy } from '@tensorgrid/domain';
import { BaseError, type ExplorerDevice, type ExplorerDeviceSummary } from '@tensorgrid/protocol';
import type { Clock } from '../clock';
import type { LivenessService } from '../liveness/liveness-service';
import { deviceScores, type DeviceScores } from './core/device-scores';
import type { DeviceReward, RewardHistorySource } from './reward-history-source';
import { toExplorerDevice, toExplorerSummary } from './to-explorer-views';

const DAY_MS = 86_400_000;
/** With minScore, at most this many batches are scanned for one page (then `next` resumes). */
const MAX_SCAN_BATCHES = 5;

/** The explorer's read model. */
export interface ExplorerService {
  /** A page of devices; with `minScore`, a page may be short while `next` is non-null. */
  list(filter: DeviceDirectoryFilter & { minScore?: number }): Promise<{ devices: ExplorerDeviceSummary[]; next: string | null }>;
  get(id: string): Promise<ExplorerDevice>;
  uptime(id: string, window: { fromMs: number; toMs: number }): Promise<{ changes: { at: number; up: boolean }[]; upMs: number; forgivenMs: number; degraded: { from: number; to: number }[] }>;
  challenges(id: string, limit: number): ReturnType<ChallengeResultStore['list']>;
  rewards(id: string, limit: number): Promise<DeviceReward[]>;
}

/**
 * Creates the explorer service: scores are computed on read from the liveness history, the
 * region's degraded intervals and the challenge results of the last 30 days.
 * @param deps - directory, liveness, challenges, rewards source, clock and eligibility policy
 */
export function createExplorerService(deps: {
  directory: DeviceDirectory;
  liveness: LivenessService;
  challenges: ChallengeResultStore;
  rewards: RewardHistorySource;
  clock: Clock;
  policy?: EligibilityPolicy;
}): ExplorerService {

  async function scoresOf(listing: DeviceListing, now: number): Promise<DeviceScores> {
    const window = { fromMs: now - 30 * DAY_MS, toMs: now };
    const [changes, degraded, challenges] = await Promise.all([
      deps.liveness.history(listing.device.id, window),
      deps.liveness.degradedIntervals(regionOf(listing.device), window),
      deps.challenges.list(listing.device.id, { ...window, limit: 1000 }),
    ]);
    return deviceScores(listing, { changes, degraded, challenges, now, ...(deps.policy ? { policy: deps.policy } : {}) });
  }

  async function listing(id: string): Promise<DeviceListing> {
    const found = await deps.directory.getListing(id.toLowerCase());
    if (!found) throw new BaseError('DEVICE_NOT_FOUND', `No device ${id}`, { data: { id }, details: 'List devices with GET /v1/explorer/devices.' });
    return found;
  }

  return {
    async list({ minScore, ...filter }) {
      const now = deps.clock.now();
      const devices: ExplorerDeviceSummary[] = [];
      let after = filter.after;
      for (let batch = 0; batch < (minScore === undefined ? 1 : MAX_SCAN_BATCHES); batch++) {
        const rows = await deps.directory.findDevices({ ...filter, ...(after === undefined ? {} : { after }) });
        for (const row of rows) {
          const summary = toExplorerSummary(row, await scoresOf(row, now));
          after = row.device.id;
          if (minScore === undefined || summary.score >= minScore) devices.push(summary);
          if (devices.length === filter.limit) return { devices, next: after };
        }
        if (rows.length < filter.limit) return { devices, next: null };
      }
      return { devices, next: after ?? null };
    },

    async get(id) {
      const found = await listing(id);
      const now = deps.clock.now();
      const region = regionOf(found.device);
      const [scores, current] = await Promise.all([scoresOf(found, now), deps.liveness.degradedIntervals(region, { fromMs: now - 1, toMs: now + 1 })]);
      return toExplorerDevice(found, { scores, region: { code: region, degraded: current.some((i) => i.to > now) } });
    },

    async uptime(id, window) {
      const found = await listing(id);
      const [changes, degraded] = await Promise.all([deps.liveness.history(found.device.id, window), deps.liveness.degradedIntervals(regionOf(found.device), window)]);
      const w = { from: window.fromMs, to: window.toMs };
      const upMs = upMillis(changes, w);
      return { changes, upMs, forgivenMs: upMillis(forgiveDowntime(changes, degraded), w) - upMs, degraded };
    },

    async challenges(id, limit) {
      const found = await listing(id);
      const now = deps.clock.now();
      return deps.challenges.list(found.device.id, { fromMs: now - 30 * DAY_MS, toMs: now + 1, limit });
    },

    async rewards(id, limit) {
      const found = await listing(id);
      return deps.rewards.rewardsOf(found.device.id, { limit });
    },
  };
}
