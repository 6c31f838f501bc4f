import {
  forgiveDowntime, regionOf, upMillis,
  type ChallengeResult, type ChallengeResultStore, type DeviceDirectory, type DeviceDirectoryFilter, type DeviceListing, type EligibilityPolicy,
} from '@tensorgrid/domain';
import { BaseError, type ExplorerDevice, type ExplorerDeviceSummary } from '@tensorgrid/protocol';
import type { Clock } from '../clock';
import type { LivenessService } from '../liveness/liveness-service';
import { deviceScores, type DeviceScores } from './core/device-scores';
import type { DeviceReward, RewardHistorySource } from './reward-history-source';
import { toExplorerDevice, toExplorerSummary } from './to-explorer-views';

const DAY_MS = 86_400_000;
/** With minScore or eligible, at most this many batches are scanned for one page (then `next` resumes). */
const MAX_SCAN_BATCHES = 5;

/** Where a challenge page resumes: results issued before `atMs`, or at `atMs` with a lower id. */
export interface ChallengeCursor {
  atMs: number;
  id?: string;
}

/** A page of a device's history, newest first; `next` (the next page's `before`) is null on the last page. */
export interface HistoryPage<T> {
  items: T[];
  next: string | null;
}

/** The explorer's read model. */
export interface ExplorerService {
  /** A page of devices; with `minScore` or `eligible` (filters on computed scores), a page may be short while `next` is non-null. */
  list(filter: DeviceDirectoryFilter & { minScore?: number; eligible?: boolean }): Promise<{ devices: ExplorerDeviceSummary[]; next: string | null }>;
  get(id: string): Promise<ExplorerDevice>;
  uptime(id: string, window: { fromMs: number; toMs: number }): Promise<{ changes: { at: number; up: boolean }[]; upMs: number; forgivenMs: number; degraded: { from: number; to: number }[] }>;
  /** Challenge results, newest first (issuedAt, then id); `next` is `<issuedAt>:<id>` of the page's last result. */
  challenges(id: string, page: { limit: number; before?: ChallengeCursor }): Promise<HistoryPage<ChallengeResult>>;
  /** Rewards, newest epoch first; a page ends at an epoch boundary, and `next` is its last epoch. */
  rewards(id: string, page: { limit: number; before?: number }): Promise<HistoryPage<DeviceReward>>;
  /** A device's quality score (0..100) as of `atMs` (e.g. a reward block's end), or undefined for an unknown device. */
  scoreAt(id: string, atMs: number): Promise<number | undefined>;
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
    const [{ changes, degraded }, challenges] = await Promise.all([
      deps.liveness.historyWithDegraded(listing.device.id, regionOf(listing.device), window),
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
    async list({ minScore, eligible, ...filter }) {
      const now = deps.clock.now();
      const devices: ExplorerDeviceSummary[] = [];
      const scored = minScore !== undefined || eligible !== undefined;
      const keep = (s: ExplorerDeviceSummary) => (minScore === undefined || s.score >= minScore) && (eligible === undefined || s.eligible === eligible);
      let after = filter.after;
      for (let batch = 0; batch < (scored ? MAX_SCAN_BATCHES : 1); batch++) {
        const rows = await deps.directory.findDevices({ ...filter, ...(after === undefined ? {} : { after }) });
        for (const row of rows) {
          const summary = toExplorerSummary(row, await scoresOf(row, now));
          after = row.device.id;
          if (keep(summary)) devices.push(summary);
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
      const { changes, degraded } = await deps.liveness.historyWithDegraded(found.device.id, regionOf(found.device), window);
      const w = { from: window.fromMs, to: window.toMs };
      const upMs = upMillis(changes, w);
      const shown = degraded.map((i) => ({ from: Math.max(i.from, w.from), to: Math.min(i.to, w.to) })).filter((i) => i.to > i.from);
      return { changes, upMs, forgivenMs: upMillis(forgiveDowntime(changes, degraded), w) - upMs, degraded: shown };
    },

    async challenges(id, { limit, before }) {
      const deviceId = (await listing(id)).device.id;
      // A cursor with an id resumes after that result (the store's keyset); a bare time, before it.
      const toMs = before === undefined ? deps.clock.now() + 1 : before.id === undefined ? before.atMs : before.atMs + 1;
      const key = before?.id === undefined ? {} : { before: { issuedAt: before.atMs, id: before.id } };
      const rows = await deps.challenges.list(deviceId, { fromMs: 0, toMs, limit: limit + 1, ...key });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, next: rows.length > limit && last ? `${last.issuedAt}:${last.id}` : null };
    },

    async rewards(id, { limit, before }) {
      const found = await listing(id);
      const rows = await deps.rewards.rewardsOf(found.device.id, { limit: limit + 1, before });
      if (rows.length <= limit) return { items: rows, next: null };
      // `before` skips whole epochs, so a page never ends inside one: an epoch cut by the limit goes to
      // the next page (a device has at most one reward per pool and epoch, so limit + 1 rows hold a whole one).
      const cut = rows[limit]!.epoch;
      const whole = rows.slice(0, limit).filter((r) => r.epoch !== cut);
      const items = whole.length > 0 ? whole : rows.filter((r) => r.epoch === cut);
      return { items, next: items.at(-1)!.epoch };
    },

    async scoreAt(id, atMs) {
      const found = await deps.directory.getListing(id.toLowerCase());
      return found ? (await scoresOf(found, atMs)).quality.score : undefined;
    },
  };
}
