import type { ChallengeKind, ChallengeResult, DeviceRecord } from '@tensorgrid/domain';
import { sampleHardware } from '@tensorgrid/test-utils';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { IssueOutcome } from './challenge-runner';
import { createChallengeScheduler } from './challenge-scheduler';

/** The harness's clock starts at 1,000,000: a device registered then is new, one registered at 0 is not. */
const T0 = 1_000_000;
const device = (id: string, operator: string | null, registeredAt = 0): DeviceRecord => ({
  id, operator, state: 'available', gpuModel: null, hardware: sampleHardware(), simulated: false, registeredAt, stateChangedAt: 0, lastHeartbeatAt: 0, heartbeatSeq: 1,
} as DeviceRecord);

interface HarnessOptions {
  maxConcurrentRounds?: number;
  reasonFor?: (deviceId: string, round: number) => string | null;
  /** Devices with no open session: hasSession says so, and the runner cannot send to them. */
  offline?: Set<string>;
}

/** Records what was issued when; each challenge passes after 1 s of load, unless `reasonFor` gives a failure. */
function harness(devices: DeviceRecord[], options: HarnessOptions = {}) {
  const { reasonFor, offline, ...schedulerOptions } = options;
  let now = T0;
  const issued: { deviceId: string; kind: ChallengeKind; at: number }[] = [];
  const release: (() => void)[] = [];
  const scheduler = createChallengeScheduler({
    registry: { list: async () => devices },
    runner: {
      issue: (d, kind): IssueOutcome => {
        if (offline?.has(d.id)) return { kind: 'offline' };
        const round = issued.filter((i) => i.deviceId === d.id).length;
        issued.push({ deviceId: d.id, kind, at: now });
        const reason = reasonFor?.(d.id, round) ?? null;
        const result = new Promise<ChallengeResult>((resolve) =>
          release.push(() => resolve({ id: 'x', deviceId: d.id, kind, issuedAt: now, finishedAt: now, passed: reason === null, reason, metrics: { totalMs: 1000 } })),
        );
        return { kind: 'issued', id: 'x', result };
      },
    },
    hasSession: (id) => !offline?.has(id),
    now: () => now,
    random: () => 0.5,
    log: pino({ level: 'silent' }),
    kinds: ['pow'],
    ...schedulerOptions,
  });
  const settle = async () => {
    for (let i = 0; i < 10; i++) {
      while (release.length) release.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  /** One tick, and every round it started run to its end. */
  const round = async () => {
    await scheduler.tick();
    await settle();
    await scheduler.idle();
  };
  return { scheduler, issued, settle, round, advance: (ms: number) => void (now += ms) };
}

describe('challenge scheduler', () => {
  it('challenges every device of an operator in the same tick, and a lone device on its own', async () => {
    const h = harness([device('0xa', '0xop'), device('0xb', '0xop'), device('0xc', null)]);
    await h.scheduler.tick();
    expect(h.issued.map((i) => i.deviceId).sort()).toEqual(['0xa', '0xb', '0xc']);
    expect(new Set(h.issued.map((i) => i.at)).size).toBe(1);
  });

  it('waits about the mean interval before the next round, and not before', async () => {
    const h = harness([device('0xa', null)]);
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
    const h = harness([device('0xa', '0xop'), device('0xb', '0xop')], { reasonFor: (id, round) => (id === '0xa' && round < 2 ? 'deadline-missed' : null) });
    await h.round();
    h.advance(4 * 60_000); // before 5 min × (0.5 + 0.5)
    await h.round();
    expect(h.issued).toHaveLength(2);
    h.advance(60_000);
    await h.round();
    expect(h.issued.slice(2).map((i) => i.deviceId).sort()).toEqual(['0xa', '0xb']);
    // The re-challenge missed again: that counts, and the next round is a regular one, about an hour on.
    h.advance(30 * 60_000);
    await h.round();
    expect(h.issued).toHaveLength(4);
    h.advance(31 * 60_000);
    await h.round();
    expect(h.issued).toHaveLength(6);
  });

  it('does not re-challenge early after a wrong answer', async () => {
    const h = harness([device('0xa', null)], { reasonFor: (_id, round) => (round === 0 ? 'wrong-answer' : null) });
    await h.round();
    h.advance(10 * 60_000);
    await h.scheduler.tick();
    expect(h.issued).toHaveLength(1);
  });

  it('challenges a device that joins its operator between rounds at once', async () => {
    const devices = [device('0xa', '0xop')];
    const h = harness(devices);
    await h.scheduler.tick();
    await h.settle();
    devices.push(device('0xb', '0xop'));
    await h.scheduler.tick();
    expect(h.issued.map((i) => i.deviceId)).toEqual(['0xa', '0xb']);
  });

  it('keeps at most maxConcurrentRounds rounds in flight', async () => {
    const h = harness([device('0xa', null), device('0xb', null), device('0xc', null)], { maxConcurrentRounds: 1 });
    await h.scheduler.tick();
    expect(h.issued).toHaveLength(1);
    await h.scheduler.tick();
    expect(h.issued).toHaveLength(1);
    await h.settle();
    await h.scheduler.tick();
    expect(h.issued).toHaveLength(2);
  });

  it('challenges a device just registered as soon as its session opens, not an interval later', async () => {
    // The worker's first heartbeat (over HTTP) makes it available before its WebSocket session opens.
    const offline = new Set(['0xa', '0xb']);
    const h = harness([device('0xa', null, T0), device('0xb', '0xop', T0), device('0xc', '0xop')], { offline });
    await h.round();
    expect(h.issued.map((i) => i.deviceId)).toEqual(['0xc']);
    await h.round();
    expect(h.issued.map((i) => i.deviceId)).toEqual(['0xc']);
    offline.clear();
    h.advance(1_000);
    await h.round();
    expect(h.issued.map((i) => i.deviceId).sort()).toEqual(['0xa', '0xb', '0xc']);
  });

  it('does not give a device that kept its session closed at its group round a round of its own', async () => {
    const offline = new Set<string>();
    const h = harness([device('0xa', '0xop'), device('0xb', '0xop')], { offline });
    await h.round();
    offline.add('0xb');
    h.advance(3_600_000); // the group's next round: 0xb has no session then
    await h.round();
    expect(h.issued.map((i) => i.deviceId)).toEqual(['0xa', '0xb', '0xa']);
    offline.clear();
    h.advance(1_000);
    await h.round();
    expect(h.issued).toHaveLength(3);
    h.advance(3_600_000); // and with its group at the round after
    await h.round();
    expect(h.issued.slice(3).map((i) => i.deviceId).sort()).toEqual(['0xa', '0xb']);
  });

  it('gives no round of its own to a device that connects after its group round, after a restart or past the grace of a new one', async () => {
    // A fresh scheduler (a restarted coordinator): 0xb, registered long ago, reconnects after its group's first round.
    const offline = new Set(['0xb', '0xd']);
    const h = harness([device('0xa', '0xop'), device('0xb', '0xop'), device('0xd', null, T0)], { offline });
    await h.round();
    expect(h.issued.map((i) => i.deviceId)).toEqual(['0xa']);
    // 0xd, new, never opens its session within the grace: then it has its round, missed, like any other.
    h.advance(6 * 60_000);
    await h.round();
    offline.clear();
    h.advance(1_000);
    await h.round();
    expect(h.issued.map((i) => i.deviceId)).toEqual(['0xa']);
  });
});
