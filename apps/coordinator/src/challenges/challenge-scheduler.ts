import { CHALLENGE_KINDS, isLateAnswer, type ChallengeKind, type ChallengeResult, type ChallengeRound, type ChallengeScheduleStore, type DeviceRecord, type UnchallengedCursor } from '@tensorgrid/domain';
import type { Logger } from 'pino';
import type { ChallengeRunner } from './challenge-runner';
import { challengeGroupOf, membersByGroup, membersOfGroup } from './core/challenge-group';
import { DEFAULT_CHALLENGE_POLICY, nextRoundAt, retryRoundAt, stretchesGap, type ChallengePolicy } from './core/next-round-at';

const DEFAULT_SESSION_GRACE_MS = 5 * 60_000;
/** A round's key among those a replica has started. */
const roundKey = (round: ChallengeRound) => `${round.group}@${round.roundAt}`;
const DEFAULT_LOOK_BACK_MS = 60_000;

/** What the scheduler needs. */
export interface ChallengeSchedulerDeps {
  /** The schedule, shared by the replicas of one database. */
  store: ChallengeScheduleStore;
  runner: Pick<ChallengeRunner, 'issue'>;
  /** Whether the device has an open session here (challenges go over it). */
  hasSession: (deviceId: string) => boolean;
  /**
   * A device that became available this recently and has no session here yet is left for when
   * it has one: a worker is available from its first heartbeat, over HTTP, a moment before its
   * session opens (and its session may be on another replica). @default 5 min
   */
  sessionGraceMs?: number;
  /**
   * How far back each tick looks for rounds another replica started: more than a tick, plus the
   * replicas' clock differences (a round starts at its claimer's clock). @default 60 s
   */
  lookBackMs?: number;
  now: () => number;
  /** Uniform in [0, 1). @default Math.random */
  random?: () => number;
  log: Logger;
  policy?: ChallengePolicy;
  /** Kinds of one round, run one after another on each device. @default memory, compute, pow */
  kinds?: readonly ChallengeKind[];
  /**
   * Rounds this replica starts while as many of its own are in flight: due groups wait for a
   * later tick. Bounds the coordinator's own checking work, and keeps a simulated fleet sharing
   * one machine's CPUs from competing with itself. @default unbounded
   */
  maxConcurrentRounds?: number;
  /**
   * How far this replica's clock is off the one the replicas share, when beyond what rounds
   * between replicas allow (`ClockSkewCheck.offBy`): while it is, ticks start and join no
   * rounds (rounds in flight finish). @default never off
   */
  clockOffBy?: () => number | undefined;
}

/** The running scheduler. */
export interface ChallengeScheduler {
  /** One pass: starts the rounds that are due; resolves when they are started (not finished). */
  tick(): Promise<void>;
  /** Resolves when every round started here so far has finished. */
  idle(): Promise<void>;
}

/** What one device's part of a round came to. */
interface DeviceRound {
  loadMs: number;
  /** It missed a deadline with right answers: the group is re-challenged soon. */
  missedDeadline: boolean;
}

/**
 * Decides when available devices are challenged, from the schedule in the database
 * (`ChallengeScheduleStore`), so a tick reads only what is new or due, a restart keeps the
 * schedule, and replicas share it; a tick claims its due rounds, and reads and records their
 * members, in a few statements, not a few per round. A device group (all devices of one operator, or a lone
 * device) gets its first round as soon as one of its devices is first seen available — at
 * registration — and then at random times about every mean interval, stretched after a round
 * whose load would break the hourly budget (`nextRoundAt`). One replica claims each round, at
 * the moment it starts it, and every replica runs it on the group's devices whose sessions it
 * holds, at its next tick, so all devices of a group start a round within a tick of each other,
 * whichever replica they are connected to (clocks must agree within `lookBackMs`); each runs the
 * round's kinds one after another. When a device missed a deadline with right answers, the
 * whole group is re-challenged once, a few minutes after the last part of the round ended
 * (`missRetryMs`), so that a slow moment is not mistaken for missing hardware and one machine
 * posing as many identities still has to answer for all of them at once. A device that joins a
 * group between rounds is challenged at once on its own, by the replica that records it first
 * (`markInRound` gives each device to one caller), and with its group from then on. A device
 * that became available in the last `sessionGraceMs` without a session here is left out until it
 * has one. Every other available member is part of its group's round (recorded in the database)
 * whether or not anyone can reach it, and misses it if not, so keeping sessions closed at round
 * times, or reconnecting one identity at a time after a coordinator restart, does not buy an
 * identity a round of its own. A device still in its group's previous round when the next one
 * starts (a round that outlasted the gap) sits the new one out. Devices hired (busy), down or
 * blocked are not challenged. Ticks do not overlap: one called while another runs returns that one.
 * @param deps - schedule store, runner, sessions, clocks and policy
 */
export function createChallengeScheduler(deps: ChallengeSchedulerDeps): ChallengeScheduler {
  const random = deps.random ?? Math.random;
  const policy = deps.policy ?? DEFAULT_CHALLENGE_POLICY;
  const kinds = deps.kinds ?? CHALLENGE_KINDS;
  const sessionGraceMs = deps.sessionGraceMs ?? DEFAULT_SESSION_GRACE_MS;
  const lookBackMs = deps.lookBackMs ?? DEFAULT_LOOK_BACK_MS;
  const limit = deps.maxConcurrentRounds ?? Infinity;
  const { store } = deps;
  /** This replica's parts of rounds, in flight. */
  const parts = new Set<Promise<void>>();
  /** Devices in a round here now (a device's session, so its rounds, are on one replica). */
  const running = new Set<string>();
  /** Rounds whose part this replica has started (`group@roundAt`), back to the look-back. */
  const started = new Map<string, number>();
  /** Rounds claimed before this scheduler started ran on the process before it (a restart): not again. */
  const startedAt = deps.now();
  /** When this replica last looked for new rounds. */
  let lastLookAt = startedAt;
  let ticking: Promise<void> | undefined;

  const waitsForSession = (device: DeviceRecord, now: number) => device.stateChangedAt > now - sessionGraceMs && !deps.hasSession(device.id);

  /** Whether a device can start a round here: it has a session here and is not still in its previous round. */
  const canRun = (device: DeviceRecord) => deps.hasSession(device.id) && !running.has(device.id);

  async function runDevice(device: DeviceRecord): Promise<DeviceRound> {
    const round: DeviceRound = { loadMs: 0, missedDeadline: false };
    running.add(device.id);
    try {
      for (const kind of kinds) {
        const outcome = deps.runner.issue(device, kind);
        if (outcome.kind === 'offline') break;
        if (outcome.kind !== 'issued') continue;
        const result: ChallengeResult = await outcome.result;
        round.loadMs += result.metrics.totalMs ?? 0;
        if (isLateAnswer(result)) round.missedDeadline = true;
        if (!result.passed) deps.log.warn({ deviceId: device.id, kind, reason: result.reason }, 'device failed a hardware challenge');
      }
    } finally {
      running.delete(device.id);
    }
    return round;
  }

  function track(part: Promise<void>, group: string): void {
    const tracked = part.catch((err: unknown) => deps.log.error({ err, group }, 'challenge round failed'));
    parts.add(tracked);
    void tracked.finally(() => parts.delete(tracked));
  }

  /** This replica's part of a round, on the members with a session here. */
  function runPart(round: ChallengeRound, here: readonly DeviceRecord[]): void {
    track(
      Promise.all(here.map(runDevice)).then(async (results) => {
        const loadMs = Math.max(...results.map((r) => r.loadMs));
        const endedAt = deps.now();
        await store.finishPart({
          group: round.group,
          roundAt: round.roundAt,
          missed: results.some((r) => r.missedDeadline),
          retryAt: retryRoundAt({ roundEndedAt: endedAt, draw: random(), policy }),
          ...(stretchesGap(loadMs, policy) ? { notBefore: nextRoundAt({ lastRoundAt: round.roundAt, lastRoundLoadMs: loadMs, draw: random(), policy }) } : {}),
        });
      }),
      round.group,
    );
  }

  /**
   * This replica's parts of some rounds: their members (one read for all) are recorded as in
   * them, and those with a session here run them.
   */
  async function startParts(rounds: readonly ChallengeRound[], now: number): Promise<void> {
    if (!rounds.length) return;
    const available = await store.availableMembers(rounds.map((r) => membersOfGroup(r.group)));
    const byGroup = membersByGroup(rounds.map((r) => r.group), available.filter((d) => !waitsForSession(d, now)));
    const marks = new Map<number, string[]>();
    for (const round of rounds) {
      const ids = marks.get(round.roundAt) ?? marks.set(round.roundAt, []).get(round.roundAt)!;
      for (const device of byGroup.get(round.group)!) ids.push(device.id);
    }
    for (const [at, ids] of marks) await store.markInRound(ids, at);
    for (const round of rounds) {
      // A device still in its group's previous round (one that outlasted the gap) sits this one out.
      const members = byGroup.get(round.group)!;
      const here = members.filter(canRun);
      const sitting = members.filter((d) => deps.hasSession(d.id) && running.has(d.id)).map((d) => d.id);
      if (sitting.length) deps.log.warn({ group: round.group, roundAt: round.roundAt, devices: sitting }, 'devices still in their previous challenge round sit this one out');
      if (here.length) runPart(round, here);
    }
  }

  /** Available devices never in a round that do not wait for a session here, up to 10 pages. */
  async function newcomers(now: number): Promise<DeviceRecord[]> {
    const found: DeviceRecord[] = [];
    let after: UnchallengedCursor | undefined;
    for (let page = 0; page < 10; page++) {
      const devices = await store.unchallengedDevices(1000, after);
      found.push(...devices.filter((d) => !waitsForSession(d, now)));
      if (devices.length < 1000) break;
      const last = devices[devices.length - 1]!;
      after = { stateChangedAt: last.stateChangedAt, id: last.id };
    }
    return found;
  }

  /** Claims due rounds, real groups first, while this replica has room for them, in one call: they start at the claim. */
  async function claimDue(now: number): Promise<void> {
    const room = Math.min(1000, limit - parts.size);
    if (room < 1) return;
    const due = await store.dueGroups(now, room);
    if (!due.length) return;
    const roundAt = deps.now();
    await store.claimRounds(due.map((g) => ({ group: g.group, expectedNextAt: g.nextRoundAt, nextAt: nextRoundAt({ lastRoundAt: roundAt, lastRoundLoadMs: 0, draw: random(), policy }) })), roundAt);
  }

  /**
   * Starts this replica's part of every round started since its last look, by it or another
   * replica; returns where this look began.
   */
  async function joinNewRounds(now: number): Promise<number> {
    const since = Math.max(startedAt, lastLookAt - lookBackMs);
    lastLookAt = now;
    const fresh = (await store.roundsSince(since)).filter((round) => !started.has(roundKey(round)));
    for (const round of fresh) started.set(roundKey(round), round.roundAt);
    await startParts(fresh, now).catch((err: unknown) => {
      // Nothing of them ran: the next tick tries them again.
      for (const round of fresh) started.delete(roundKey(round));
      throw err;
    });
    for (const [key, at] of started) if (at < since) started.delete(key);
    return since;
  }

  /**
   * A device that joins its group between rounds has one of its own, run where its session is.
   * @param joinedSince - where this tick's look for new rounds began: a round claimed since that
   *   this replica has not joined was claimed after it looked, and the next tick's part takes the device in
   */
  async function soloRounds(devices: readonly DeviceRecord[], now: number, joinedSince: number): Promise<void> {
    for (const device of devices) {
      if (parts.size >= limit) return;
      const group = await store.getGroup(challengeGroupOf(device));
      if (!group || group.nextRoundAt <= now) continue;
      if (group.roundAt !== null && group.roundAt >= joinedSince && !started.has(roundKey({ group: group.group, roundAt: group.roundAt }))) continue;
      // Not marked meanwhile (by this tick's rounds or another replica), it is this replica's to run.
      const [marked] = await store.markInRound([device.id], now);
      if (marked && canRun(device)) track(runDevice(device).then(() => undefined), group.group);
    }
  }

  async function tickOnce(): Promise<void> {
    const now = deps.now();
    const joining = await newcomers(now);
    // A new group's first round is due at once.
    const groups = new Map<string, boolean>();
    for (const device of joining) if (!groups.has(challengeGroupOf(device))) groups.set(challengeGroupOf(device), device.simulated);
    for (const [group, simulated] of groups) await store.addGroup(group, { simulated, dueAt: now });
    await claimDue(now);
    const joinedSince = await joinNewRounds(now);
    await soloRounds(joining, now, joinedSince);
  }

  let pausedForClock = false;
  /** Whether this tick sits out for the clock, logging when that starts and ends. */
  const sitsOutForClock = (): boolean => {
    const off = deps.clockOffBy?.();
    if ((off !== undefined) !== pausedForClock) {
      pausedForClock = off !== undefined;
      if (pausedForClock) deps.log.warn({ skewMs: off }, 'challenge rounds paused on this replica: its clock is off the database\'s');
      else deps.log.info('challenge rounds resumed on this replica: its clock agrees with the database\'s again');
    }
    return pausedForClock;
  };

  return {
    tick() {
      if (sitsOutForClock()) return Promise.resolve();
      // One tick at a time: a slow one is not overtaken by the next interval's.
      ticking ??= tickOnce().finally(() => (ticking = undefined));
      return ticking;
    },
    async idle() {
      while (parts.size) await Promise.all([...parts]);
    },
  };
}
