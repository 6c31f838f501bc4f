import { describe, expect, it } from 'vitest';
import { forgiveDowntime, mergeIntervals, overlapMillis } from './time-intervals';
import { downtimePerDay, timeScore, upMillis } from './uptime';

const H = 3_600_000;
const D = 24 * H;

describe('mergeIntervals / overlapMillis', () => {
  it('merges overlapping and touching intervals and drops empty ones', () => {
    expect(mergeIntervals([{ from: 5, to: 8 }, { from: 0, to: 3 }, { from: 3, to: 4 }, { from: 7, to: 10 }, { from: 9, to: 9 }])).toEqual([{ from: 0, to: 4 }, { from: 5, to: 10 }]);
  });
  it('counts the covered part of a window once', () => {
    expect(overlapMillis([{ from: 0, to: 10 }, { from: 5, to: 15 }], { from: 8, to: 20 })).toBe(7);
    expect(overlapMillis([], { from: 0, to: 20 })).toBe(0);
  });
});

describe('forgiveDowntime', () => {
  const changes = [{ at: 0, up: true }, { at: 10 * H, up: false }, { at: 14 * H, up: true }];

  it('turns downtime inside a forgiven interval into uptime', () => {
    const forgiven = forgiveDowntime(changes, [{ from: 9 * H, to: 12 * H }]);
    expect(forgiven).toEqual([{ at: 0, up: true }, { at: 12 * H, up: false }, { at: 14 * H, up: true }]);
    expect(upMillis(forgiven, { from: 0, to: D })).toBe(upMillis(changes, { from: 0, to: D }) + 2 * H);
  });

  it('forgives a whole outage, and leaves history outside intervals alone', () => {
    expect(forgiveDowntime(changes, [{ from: 10 * H, to: 14 * H }])).toEqual([{ at: 0, up: true }]);
    expect(forgiveDowntime(changes, [])).toEqual(changes);
    expect(forgiveDowntime(changes, [{ from: 20 * H, to: 21 * H }])).toEqual(changes);
  });

  it('does not invent uptime before the device existed when the interval starts before its history', () => {
    const late = [{ at: 5 * H, up: true }, { at: 6 * H, up: false }];
    expect(forgiveDowntime(late, [{ from: 0, to: 7 * H }])).toEqual([{ at: 5 * H, up: true }, { at: 7 * H, up: false }]);
    // timeScore counts only since registration, so uptime before it never matters.
    expect(timeScore(forgiveDowntime(late, [{ from: 0, to: 7 * H }]), { now: 8 * H, registeredAt: 5 * H }).last24h).toBeCloseTo(2 / 3, 12);
  });

  it('forgives only devices that went down during the interval: one already down when it began stays down (it was switched off, not taken down with the region)', () => {
    const offBefore = [{ at: 0, up: true }, { at: 2 * H, up: false }];
    expect(forgiveDowntime(offBefore, [{ from: 3 * H, to: 10 * H }])).toEqual(offBefore);
    expect(upMillis(forgiveDowntime(offBefore, [{ from: 3 * H, to: 10 * H }]), { from: 0, to: D })).toBe(2 * H);
    // Down at exactly the interval's start: forgiven.
    expect(forgiveDowntime([{ at: 0, up: true }, { at: 3 * H, up: false }], [{ from: 3 * H, to: 10 * H }])).toEqual([{ at: 0, up: true }, { at: 10 * H, up: false }]);
    // Down before, back up inside, down again inside: the second stretch is forgiven, the first is not.
    const flapping = [{ at: 0, up: true }, { at: 2 * H, up: false }, { at: 4 * H, up: true }, { at: 5 * H, up: false }];
    expect(forgiveDowntime(flapping, [{ from: 3 * H, to: 10 * H }])).toEqual([{ at: 0, up: true }, { at: 2 * H, up: false }, { at: 4 * H, up: true }, { at: 10 * H, up: false }]);
    // A history that opens with its down change (the last one before a window) went down then.
    expect(forgiveDowntime([{ at: 4 * H, up: false }], [{ from: 3 * H, to: 10 * H }])).toEqual([{ at: 4 * H, up: true }, { at: 10 * H, up: false }]);
    expect(forgiveDowntime([{ at: 2 * H, up: false }], [{ from: 3 * H, to: 10 * H }])).toEqual([{ at: 2 * H, up: false }]);
    // A repeated down record does not move the stretch's start.
    expect(forgiveDowntime([{ at: 0, up: true }, { at: 2 * H, up: false }, { at: 4 * H, up: false }], [{ from: 3 * H, to: 10 * H }])).toEqual([{ at: 0, up: true }, { at: 2 * H, up: false }]);
  });

  it('keeps degraded time out of downtime per day', () => {
    const down = [{ at: 0, up: true }, { at: 2 * H, up: false }];
    expect(downtimePerDay(forgiveDowntime(down, [{ from: 2 * H, to: 5 * H }]), { from: 0, to: D })).toEqual([{ day: 0, downMs: D - 5 * H }]);
  });
});
