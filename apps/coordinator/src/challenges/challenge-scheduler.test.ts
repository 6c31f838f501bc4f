import { createChallengeScheduleStore, createDeviceStore } from '@tensorgrid/db';
import type { ChallengeKind, ChallengeResult, ChallengeScheduleStore } from '@tensorgrid/domain';
import { openTestDatabase, sampleHardware, type TestDatabase } from '@tensorgrid/test-utils';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { IssueOutcome } from './challenge-runner';
import { createChallengeScheduler, type ChallengeScheduler } from './challenge-scheduler';
import type { ChallengePolicy } from './core/next-round-at';

/** The harness's clock starts at 1,000,000: a device that became available then is new, one available since 0 is not. */
const T0 = 1_000_000;

interface DeviceSpec {
  id: string;
  operator: string | null;
  /** Became available at T0 (within the session grace), not long before. */
  isNew?: boolean;
}
const device = (id: string, operator: string | null, isNew = false): DeviceSpec => ({ id, operator, isNew });

interface HarnessOptions {
  maxConcurrentRounds?: number;
  clockOffBy?: () => number | undefined;
  /** Wraps the schedule store (to make a call fail). */
  wrapStore?: (store: ChallengeScheduleStore) => ChallengeScheduleStore;
  policy?: ChallengePolicy;
  reasonFor?: (deviceId: string, round: number) => string | null;
  /** Devices with no open session: hasSession says so, and the runner cannot send to them. */
  offline?: Set<string>;
}

const databases: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((d) => d.close()));
});

/**
 * A scheduler on a real SQLite schedule; records what was issued when. Each challenge passes
 * after 1 s of load, unless `reasonFor` gives a failure. `replica(sessions)` makes another
 * scheduler on the same database whose sessions are `sessions` (the first one's are every
 * device not `offline`); `restart()` replaces the first scheduler with a fresh one.
 */
async function harness(specs: DeviceSpec[], options: HarnessOptions = {}) {
  const { reasonFor, offline, wrapStore = (store) => store, ...schedulerOptions } = options;
  const database = await openTestDatabase('sqlite');
  databases.push(database);
  const devices = createDeviceStore(database.db);
  let now = T0;
  const issued: { deviceId: string; kind: ChallengeKind; at: number; by: string }[] = [];
  const release: (() => void)[] = [];

  const add = async (spec: DeviceSpec) => {
    const at = spec.isNew ? T0 : 0;
    await devices.registerDevice({ id: spec.id, operator: spec.operator, gpuModel: null, hardware: sampleHardware(), simulated: false }, at);
    await devices.setDeviceState(spec.id, 'available', at);
  };
  for (const spec of specs) await add(spec);

  const schedulerFor = (name: string, hasSession: (id: string) => boolean, overrides: Partial<HarnessOptions> = {}): ChallengeScheduler =>
    createChallengeScheduler({
      store: wrapStore(createChallengeScheduleStore(database.db)),
      runner: {
        issue: (d, kind): IssueOutcome => {
          if (!hasSession(d.id)) return { kind: 'offline' };
          const round = issued.filter((i) => i.deviceId === d.id).length;
          issued.push({ deviceId: d.id, kind, at: now, by: name });
          const reason = reasonFor?.(d.id, round) ?? null;
          const result = new Promise<ChallengeResult>((resolve) =>
            release.push(() => resolve({ id: 'x', deviceId: d.id, kind, issuedAt: now, finishedAt: now, passed: reason === null, reason, metrics: { totalMs: 1000 } })),
          );
          return { kind: 'issued', id: 'x', result };
        },
      },
      hasSession,
      now: () => now,
      random: () => 0.5,
      lookBackMs: 10_000,
      log: pino({ level: 'silent' }),
      kinds: ['pow'],
      ...schedulerOptions,
      ...overrides,
    });
  const settle = async () => {
    for (let i = 0; i < 10; i++) {
      while (release.length) release.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  let scheduler = schedulerFor('a', (id) => !offline?.has(id));
  const h = {
    get scheduler() {
      return scheduler;
    },
    issued,
    settle,
    add,
    advance: (ms: number) => void (now += ms),
    /** One tick, and every round it started run to its end. */
    round: async (s: ChallengeScheduler = scheduler) => {
      await s.tick();
      await settle();
      await s.idle();
    },
    restart: () => void (scheduler = schedulerFor('a', (id) => !offline?.has(id))),
    replica: (name: string, sessions: Set<string>, overrides: Partial<HarnessOptions> = {}) => schedulerFor(name, (id) => sessions.has(id), overrides),
  };
  return h;
}

const ids = (list: { deviceId: string }[]) => list.map((i) => i.deviceId);

describe('challenge scheduler', () => {
  it('challenges every device of an operator in the same tick, and a lone device on its own', async () => {
    const h = await harness([device('0xa', '0xop'), device('0xb', '0xop'), device('0xc', null)]);
    await h.scheduler.tick();
    expect(ids(h.issued).sort()).toEqual(['0xa', '0xb', '0xc']);
    expect(new Set(h.issued.map((i) => i.at)).size).toBe(1);
  });

  it('waits about the mean interval before the next round, and not before', async () => {
    const h = await harness([device('0xa', null)]);
    await h.round();
    h.advance(3_599_000);
    await h.scheduler.tick();
    expect(h.issued).toHaveLength(1);
    h.advance(2_000);
    await h.scheduler.tick();
    expect(h.issued).toHaveLength(2);
  });

  it('re-challenges the whole group about missRetryMs after a round with a deadline miss, once', async () => {
    // 0xa misses its deadline in its first two rounds; 0xb, of the same operator, always passes.
    const h = await harness([device('0xa', '0xop'), device('0xb', '0xop')], { reasonFor: (id, round) => (id === '0xa' && round < 2 ? 'deadline-missed' : null) });
    await h.round();
    h.advance(4 * 60_000); // before 5 min × (0.5 + 0.5)
    await h.round();
    expect(h.issued).toHaveLength(2);
    h.advance(60_000);
    await h.round();
    expect(ids(h.issued.slice(2)).sort()).toEqual(['0xa', '0xb']);
    // The re-challenge missed again: that counts, and the next round is a regular one, about an hour on.
    h.advance(30 * 60_000);
    await h.round();
    expect(h.issued).toHaveLength(4);
    h.advance(31 * 60_000);
    await h.round();
    expect(h.issued).toHaveLength(6);
  });

  it('does not re-challenge early after a wrong answer', async () => {
    const h = await harness([device('0xa', null)], { reasonFor: (_id, round) => (round === 0 ? 'wrong-answer' : null) });
    await h.round();
    h.advance(10 * 60_000);
    await h.scheduler.tick();
    expect(h.issued).toHaveLength(1);
  });

  it('challenges a device that joins its operator between rounds at once', async () => {
    const h = await harness([device('0xa', '0xop')]);
    await h.scheduler.tick();
    await h.settle();
    await h.add(device('0xb', '0xop'));
    await h.scheduler.tick();
    expect(ids(h.issued)).toEqual(['0xa', '0xb']);
  });

  it('does not start a device\'s next round while its previous one still runs', async () => {
    const h = await harness([device('0xa', null)]);
    await h.scheduler.tick();
    // The first round outlasts the gap to the second (its answer is not back yet): the device sits the second out.
    h.advance(3_600_001);
    await h.scheduler.tick();
    expect(h.issued).toHaveLength(1);
    await h.settle();
    await h.scheduler.idle();
    // And has the third as usual.
    h.advance(3_600_001);
    await h.round();
    expect(h.issued.map((i) => i.at)).toEqual([T0, T0 + 2 * 3_600_001]);
  });

  it('runs every round of a tick whose members could not be read at the next tick', async () => {
    let failures = 0;
    const h = await harness([device('0xa', '0xop'), device('0xb', '0xop'), device('0xc', null)], {
      wrapStore: (store) => ({
        ...store,
        availableMembers: (of) => (failures-- > 0 ? Promise.reject(new Error('connection reset')) : store.availableMembers(of)),
      }),
    });
    await h.round();
    expect(h.issued).toHaveLength(3);
    // The second rounds (no newcomers now) are claimed, then reading their members fails once.
    h.advance(3_600_001);
    failures = 1;
    await expect(h.scheduler.tick()).rejects.toThrow('connection reset');
    expect(h.issued).toHaveLength(3);
    h.advance(1_000);
    await h.round();
    expect(ids(h.issued.slice(3)).sort()).toEqual(['0xa', '0xb', '0xc']);
  });

  it('keeps at most maxConcurrentRounds rounds in flight', async () => {
    const h = await harness([device('0xa', null), device('0xb', null), device('0xc', null)], { maxConcurrentRounds: 1 });
    await h.scheduler.tick();
    expect(h.issued).toHaveLength(1);
    await h.scheduler.tick();
    expect(h.issued).toHaveLength(1);
    await h.settle();
    await h.scheduler.tick();
    expect(h.issued).toHaveLength(2);
  });

  it('starts and joins no rounds while this replica\'s clock is off the database\'s, and catches up once it is back', async () => {
    let off: number | undefined = 45_000;
    // 0xa is connected here, 0xb to replica b, whose clock is right.
    const h = await harness([device('0xa', '0xop'), device('0xb', '0xop')], { clockOffBy: () => off, offline: new Set(['0xb']) });
    const other = h.replica('b', new Set(['0xb']), { clockOffBy: () => undefined });
    await h.scheduler.tick();
    expect(h.issued).toEqual([]);
    // Another replica's round: this one sits out its part too.
    await other.tick();
    await h.scheduler.tick();
    expect(h.issued.map((i) => [i.deviceId, i.by])).toEqual([['0xb', 'b']]);
    // Back in time: it joins the round b started within its look-back.
    off = undefined;
    await h.round();
    expect(h.issued.map((i) => [i.deviceId, i.by])).toEqual([['0xb', 'b'], ['0xa', 'a']]);
  });

  it('challenges a device just become available as soon as its session opens, not an interval later', async () => {
    // The worker's first heartbeat (over HTTP) makes it available before its WebSocket session opens.
    const offline = new Set(['0xa', '0xb']);
    const h = await harness([device('0xa', null, true), device('0xb', '0xop', true), device('0xc', '0xop')], { offline });
    await h.round();
    expect(ids(h.issued)).toEqual(['0xc']);
    await h.round();
    expect(ids(h.issued)).toEqual(['0xc']);
    offline.clear();
    h.advance(1_000);
    await h.round();
    expect(ids(h.issued).sort()).toEqual(['0xa', '0xb', '0xc']);
  });

  it('does not give a device that kept its session closed at its group round a round of its own', async () => {
    const offline = new Set<string>();
    const h = await harness([device('0xa', '0xop'), device('0xb', '0xop')], { offline });
    await h.round();
    offline.add('0xb');
    h.advance(3_600_000); // the group's next round: 0xb has no session then
    await h.round();
    expect(ids(h.issued)).toEqual(['0xa', '0xb', '0xa']);
    offline.clear();
    h.advance(1_000);
    await h.round();
    expect(h.issued).toHaveLength(3);
    h.advance(3_600_000); // and with its group at the round after
    await h.round();
    expect(ids(h.issued.slice(3)).sort()).toEqual(['0xa', '0xb']);
  });

  it('gives no round of its own to a device that connects after its group round, nor to a new one past its grace', async () => {
    // 0xb, available long since, connects only after its group's first round.
    const offline = new Set(['0xb', '0xd']);
    const h = await harness([device('0xa', '0xop'), device('0xb', '0xop'), device('0xd', null, true)], { offline });
    await h.round();
    expect(ids(h.issued)).toEqual(['0xa']);
    // 0xd, new, never opens its session within the grace: then it has its round, missed, like any other.
    h.advance(6 * 60_000);
    await h.round();
    offline.clear();
    h.advance(1_000);
    await h.round();
    expect(ids(h.issued)).toEqual(['0xa']);
  });

  it('keeps the schedule across a restart: no round before the next is due, and none for a device that reconnects', async () => {
    const offline = new Set(['0xb']);
    const h = await harness([device('0xa', '0xop'), device('0xb', '0xop'), device('0xc', null)], { offline });
    await h.round();
    expect(ids(h.issued).sort()).toEqual(['0xa', '0xc']);
    h.advance(1_000);
    h.restart();
    offline.clear();
    // Its first tick is within the look-back of the rounds the process before it ran: they do not run again.
    await h.round();
    expect(h.issued).toHaveLength(2);
    h.advance(20 * 60_000);
    await h.round();
    expect(h.issued).toHaveLength(2);
    h.advance(45 * 60_000);
    await h.round();
    expect(ids(h.issued.slice(2)).sort()).toEqual(['0xa', '0xb', '0xc']);
  });

  it('still challenges a device joining its operator at once after a restart', async () => {
    const h = await harness([device('0xa', '0xop')]);
    await h.round();
    h.advance(1_000);
    h.restart();
    h.advance(10 * 60_000);
    await h.add(device('0xb', '0xop'));
    await h.round();
    expect(ids(h.issued)).toEqual(['0xa', '0xb']);
  });

  it('runs a new device connected to another replica once, in its group\'s round there', async () => {
    // 0xa (available long since) is connected to replica a; 0xx, just available, to replica b.
    const h = await harness([device('0xa', '0xop'), device('0xx', '0xop', true)], { offline: new Set(['0xx']) });
    const b = h.replica('b', new Set(['0xx']));
    await h.scheduler.tick();
    await b.tick();
    await b.tick();
    await h.settle();
    await Promise.all([h.scheduler.idle(), b.idle()]);
    expect(h.issued.map((i) => `${i.deviceId}@${i.by}`).sort()).toEqual(['0xa@a', '0xx@b']);
  });

  it('challenges a device joining between rounds once, though two ticks overlap', async () => {
    const h = await harness([device('0xa', '0xop')]);
    await h.round();
    await h.add(device('0xb', '0xop'));
    const first = h.scheduler.tick();
    const second = h.scheduler.tick();
    // A tick called while one runs is that one.
    expect(second).toBe(first);
    await Promise.all([first, second]);
    await h.settle();
    expect(ids(h.issued)).toEqual(['0xa', '0xb']);
  });

  it('stretches the gap after a round whose load would break the hourly budget', async () => {
    // Each round loads the device 1 s; with a budget of 1 s an hour, the next round is about an hour on, not a minute.
    const h = await harness([device('0xa', null)], { policy: { meanIntervalMs: 60_000, maxLoadMsPerHour: 1_000, missRetryMs: 60_000 } });
    await h.round();
    h.advance(2 * 60_000);
    await h.round();
    expect(h.issued).toHaveLength(1);
    h.advance(59 * 60_000);
    await h.round();
    expect(h.issued).toHaveLength(2);
  });

  it('runs one round of a group split across two replicas on both at once, claimed once', async () => {
    // 0xa and 0xb (one operator) are connected to replica a, 0xc and 0xd to replica b.
    const h = await harness([device('0xa', '0xop'), device('0xb', '0xop'), device('0xc', '0xop'), device('0xd', '0xop')], { offline: new Set(['0xc', '0xd']) });
    const b = h.replica('b', new Set(['0xc', '0xd']));
    await Promise.all([h.scheduler.tick(), b.tick()]);
    await b.tick();
    await h.scheduler.tick();
    await h.settle();
    await Promise.all([h.scheduler.idle(), b.idle()]);
    expect(h.issued.map((i) => `${i.deviceId}@${i.by}`).sort()).toEqual(['0xa@a', '0xb@a', '0xc@b', '0xd@b']);
    // One round, at one time: the next is an interval on, for both.
    h.advance(30 * 60_000);
    await Promise.all([h.round(), h.round(b)]);
    expect(h.issued).toHaveLength(4);
    h.advance(31 * 60_000);
    await Promise.all([h.round(), h.round(b)]);
    await Promise.all([h.round(), h.round(b)]);
    expect(ids(h.issued.slice(4)).sort()).toEqual(['0xa', '0xb', '0xc', '0xd']);
  });
});
