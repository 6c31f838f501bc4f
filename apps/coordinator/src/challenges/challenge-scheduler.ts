import { CHALLENGE_KINDS, isLateAnswer, type ChallengeKind, type ChallengeResult, type DeviceRecord } from '@tensorgrid/domain';
import type { Logger } from 'pino';
import type { RegistryService } from '../registry/registry-service';
import type { ChallengeRunner } from './challenge-runner';
import { DEFAULT_CHALLENGE_POLICY, challengeGroupOf, nextRoundAt, retryRoundAt, type ChallengePolicy } from './core/next-round-at';

/** Ids per registry listing (the store's page limit). */
const LISTING_IDS = 1000;

/** What the scheduler needs. */
export interface ChallengeSchedulerDeps {
  registry: Pick<RegistryService, 'list'>;
  runner: Pick<ChallengeRunner, 'issue'>;
  /** The devices with an open session here (lowercase ids): challenges go over it. */
  sessions: () => readonly string[];
  now: () => number;
  /** Uniform in [0, 1). @default Math.random */
  random?: () => number;
  log: Logger;
  policy?: ChallengePolicy;
  /** Kinds of one round, run one after another on each device. @default memory, compute, pow */
  kinds?: readonly ChallengeKind[];
  /**
   * Rounds in flight at once; due groups wait for a later tick. Bounds the coordinator's own
   * checking work, and keeps a simulated fleet sharing one machine's CPUs from competing
   * with itself. @default unbounded
   */
  maxConcurrentRounds?: number;
}

/** The running scheduler. */
export interface ChallengeScheduler {
  /** One pass: starts the rounds that are due; resolves when they are started (not finished). */
  tick(): Promise<void>;
  /** Resolves when every round started so far has finished. */
  idle(): Promise<void>;
}

interface GroupState {
  nextAt: number;
  running: boolean;
  /** The next round is the re-challenge after a deadline miss (no second one follows it). */
  retry: boolean;
}

/** What one device's part of a round came to. */
interface DeviceRound {
  loadMs: number;
  /** It missed a deadline with right answers: the group is re-challenged soon. */
  missedDeadline: boolean;
}

/**
 * Decides when available devices are challenged. A device group (all devices of one
 * operator, or a lone device) gets its first round as soon as one of its devices is first
 * seen available — at registration — and then at random times about every mean interval,
 * within the hourly load budget (`nextRoundAt`). All devices of a group start a round at
 * the same moment; each runs the round's kinds one after another. When a device of the group
 * missed a deadline with right answers, the whole group is re-challenged once, a few minutes
 * later (`missRetryMs`), so that a slow moment is not mistaken for missing hardware and one
 * machine posing as many identities still has to answer for all of them at once. A device that
 * joins a group between rounds is challenged at once on its own, and with its group from then
 * on. Only devices with an open session here are considered: a worker is available from its
 * first heartbeat (over HTTP), before its session opens, and is neither challenged nor counted
 * as having had its round until it has one (on another replica, it is that replica's to
 * challenge); each tick reads only these devices from the registry. A device of a group that was challenged before waits for its group's next round,
 * so keeping sessions closed at round times does not buy an identity a round of its own.
 * Devices hired (busy), down or blocked are not challenged.
 * @param deps - registry, runner, clocks and policy
 */
export function createChallengeScheduler(deps: ChallengeSchedulerDeps): ChallengeScheduler {
  const random = deps.random ?? Math.random;
  const policy = deps.policy ?? DEFAULT_CHALLENGE_POLICY;
  const kinds = deps.kinds ?? CHALLENGE_KINDS;
  const groups = new Map<string, GroupState>();
  /** Devices that have had a round (or are in one). */
  const seen = new Set<string>();
  const rounds = new Set<Promise<void>>();

  /** The available devices among those with a session here: a replica reads its own, not the whole registry. */
  async function availableDevices(): Promise<DeviceRecord[]> {
    const sessions = [...deps.sessions()].sort();
    const devices: DeviceRecord[] = [];
    for (let i = 0; i < sessions.length; i += LISTING_IDS) {
      devices.push(...(await deps.registry.list({ state: 'available', ids: sessions.slice(i, i + LISTING_IDS), limit: LISTING_IDS })));
    }
    return devices;
  }

  async function runDevice(device: DeviceRecord): Promise<DeviceRound> {
    const round: DeviceRound = { loadMs: 0, missedDeadline: false };
    for (const kind of kinds) {
      const outcome = deps.runner.issue(device, kind);
      if (outcome.kind === 'offline') break;
      if (outcome.kind !== 'issued') continue;
      const result: ChallengeResult = await outcome.result;
      round.loadMs += result.metrics.totalMs ?? 0;
      if (isLateAnswer(result)) round.missedDeadline = true;
      if (!result.passed) deps.log.warn({ deviceId: device.id, kind, reason: result.reason }, 'device failed a hardware challenge');
    }
    return round;
  }

  function track(round: Promise<void>): void {
    rounds.add(round);
    void round.finally(() => rounds.delete(round));
  }

  function startRound(key: string, state: GroupState, members: DeviceRecord[]): void {
    state.running = true;
    for (const device of members) seen.add(device.id);
    const startedAt = deps.now();
    const round = Promise.all(members.map(runDevice))
      .then((results) => {
        const retry = !state.retry && results.some((r) => r.missedDeadline);
        state.nextAt = retry
          ? retryRoundAt({ roundEndedAt: deps.now(), draw: random(), policy })
          : nextRoundAt({ lastRoundAt: startedAt, lastRoundLoadMs: Math.max(0, ...results.map((r) => r.loadMs)), draw: random(), policy });
        state.retry = retry;
      })
      .catch((err: unknown) => {
        deps.log.error({ err, group: key }, 'challenge round failed');
        state.nextAt = startedAt + policy.meanIntervalMs;
        state.retry = false;
      })
      .finally(() => {
        state.running = false;
      });
    track(round);
  }

  /** A device that joins a group between its rounds is challenged at once, on its own. */
  function startNewcomers(key: string, newcomers: DeviceRecord[]): void {
    for (const device of newcomers) seen.add(device.id);
    track(
      Promise.all(newcomers.map(runDevice)).then(
        () => undefined,
        (err: unknown) => deps.log.error({ err, group: key }, 'challenge round failed'),
      ),
    );
  }

  return {
    async tick() {
      const byGroup = new Map<string, DeviceRecord[]>();
      for (const device of await availableDevices()) {
        const key = challengeGroupOf(device);
        byGroup.set(key, [...(byGroup.get(key) ?? []), device]);
      }
      const now = deps.now();
      const limit = deps.maxConcurrentRounds ?? Infinity;
      // Real devices first: with rounds bounded, a devnet's simulated fleet waits behind them.
      const ordered = [...byGroup].sort(([, a], [, b]) => Number(a.every((d) => d.simulated)) - Number(b.every((d) => d.simulated)));
      for (const [key, members] of ordered) {
        if (rounds.size >= limit) break;
        const state = groups.get(key) ?? { nextAt: now, running: false, retry: false };
        groups.set(key, state);
        if (!state.running && state.nextAt <= now) startRound(key, state, members);
        else {
          const newcomers = members.filter((d) => !seen.has(d.id));
          if (newcomers.length) startNewcomers(key, newcomers);
        }
      }
    },
    async idle() {
      while (rounds.size) await Promise.all([...rounds]);
    },
  };
}
