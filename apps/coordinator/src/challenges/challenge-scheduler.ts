import { CHALLENGE_KINDS, isLateAnswer, type ChallengeKind, type ChallengeResult, type DeviceRecord } from '@tensorgrid/domain';
import type { Logger } from 'pino';
import type { RegistryService } from '../registry/registry-service';
import type { ChallengeRunner } from './challenge-runner';
import { DEFAULT_CHALLENGE_POLICY, challengeGroupOf, nextRoundAt, retryRoundAt, type ChallengePolicy } from './core/next-round-at';

const DEFAULT_SESSION_GRACE_MS = 5 * 60_000;

/** What the scheduler needs. */
export interface ChallengeSchedulerDeps {
  registry: Pick<RegistryService, 'list'>;
  runner: Pick<ChallengeRunner, 'issue'>;
  /** Whether the device has an open session here (challenges go over it). */
  hasSession: (deviceId: string) => boolean;
  /**
   * A device registered this recently that has no session yet is left for when it has one:
   * a worker is available from its first heartbeat, over HTTP, a moment before its session
   * opens. @default 5 min
   */
  sessionGraceMs?: number;
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
 * on. A device registered in the last `sessionGraceMs` without a session open here yet is
 * neither challenged nor counted as having had its round until it has one: a worker is
 * available from its first heartbeat (over HTTP), a moment before its session opens. Any other
 * device without a session is part of its group's round all the same and misses it (nothing
 * can be sent to it), so keeping sessions closed at round times, or reconnecting one identity
 * at a time after a coordinator restart, does not buy an identity a round of its own.
 * Devices hired (busy), down or blocked are not challenged.
 * @param deps - registry, runner, clocks and policy
 */
export function createChallengeScheduler(deps: ChallengeSchedulerDeps): ChallengeScheduler {
  const random = deps.random ?? Math.random;
  const policy = deps.policy ?? DEFAULT_CHALLENGE_POLICY;
  const kinds = deps.kinds ?? CHALLENGE_KINDS;
  const sessionGraceMs = deps.sessionGraceMs ?? DEFAULT_SESSION_GRACE_MS;
  const groups = new Map<string, GroupState>();
  /** Devices that have had a round (or are in one). */
  const seen = new Set<string>();
  const rounds = new Set<Promise<void>>();

  async function availableDevices(): Promise<DeviceRecord[]> {
    const devices: DeviceRecord[] = [];
    for (let after: string | undefined; ; ) {
      const page = await deps.registry.list({ state: 'available', limit: 1000, ...(after ? { after } : {}) });
      devices.push(...page);
      if (page.length < 1000) return devices;
      after = page[page.length - 1]!.id;
    }
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
      const available = await availableDevices();
      const now = deps.now();
      for (const device of available) {
        if (device.registeredAt > now - sessionGraceMs && !deps.hasSession(device.id)) continue;
        const key = challengeGroupOf(device);
        byGroup.set(key, [...(byGroup.get(key) ?? []), device]);
      }
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
