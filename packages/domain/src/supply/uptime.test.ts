import { describe, expect, it } from 'vitest';
import { downtimePerDay, isRegionDegraded, timeScore, upMillis } from './uptime';

const H = 3_600_000;
const D = 24 * H;

describe('upMillis', () => {
  const changes = [
    { at: 10 * H, up: true },
    { at: 20 * H, up: false },
    { at: 30 * H, up: true },
  ];
  it('counts the time up inside the window, down before the first change', () => {
    expect(upMillis(changes, { from: 0, to: 40 * H })).toBe(20 * H);
    expect(upMillis(changes, { from: 15 * H, to: 35 * H })).toBe(10 * H);
    expect(upMillis(changes, { from: 0, to: 5 * H })).toBe(0);
    expect(upMillis([], { from: 0, to: D })).toBe(0);
  });

  it('ignores changes after the window and repeated states', () => {
    expect(upMillis([{ at: 0, up: true }, { at: H, up: true }, { at: 50 * H, up: false }], { from: 0, to: 10 * H })).toBe(10 * H);
  });
});

describe('timeScore', () => {
  it('gives uptime over 24 h, 7 d and 30 d, counting only since registration', () => {
    const now = 40 * D;
    const changes = [{ at: 10 * D, up: true }, { at: now - 12 * H, up: false }];
    const score = timeScore(changes, { now, registeredAt: 10 * D });
    expect(score.last24h).toBeCloseTo(0.5, 12);
    expect(score.last7d).toBeCloseTo((7 * D - 12 * H) / (7 * D), 12);
    expect(score.last30d).toBeCloseTo((30 * D - 12 * H) / (30 * D), 12);
    expect(timeScore(changes, { now, registeredAt: now - 2 * D }).last30d).toBeCloseTo(0.75, 12);
  });
});

describe('downtimePerDay', () => {
  it('splits downtime over UTC days', () => {
    const changes = [{ at: 0, up: true }, { at: D - 2 * H, up: false }, { at: D + 3 * H, up: true }];
    expect(downtimePerDay(changes, { from: 0, to: 2 * D })).toEqual([{ day: 0, downMs: 2 * H }, { day: D, downMs: 3 * H }]);
  });
});

describe('isRegionDegraded', () => {
  it('is degraded from 55% of the region down', () => {
    expect(isRegionDegraded({ devices: 100, down: 55 })).toBe(true);
    expect(isRegionDegraded({ devices: 100, down: 54 })).toBe(false);
    expect(isRegionDegraded({ devices: 0, down: 0 })).toBe(false);
  });
});
