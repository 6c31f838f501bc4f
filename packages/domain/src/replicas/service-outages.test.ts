import { describe, expect, it } from 'vitest';
import { deadlineCountingUptime, serviceOutages } from './service-outages';

const run = (startedAt: number, aliveAt: number, instance = `i${startedAt}`) => ({ instance, startedAt, aliveAt });

describe('serviceOutages', () => {
  it('is the part of the window no run covers, a run counting as up until aliveAt plus the alive interval', () => {
    // Up 0..(90 + 10), down 100..200, up 200..(390 + 10); window 50..450.
    expect(serviceOutages([run(200, 390), run(0, 90)], { fromMs: 50, toMs: 450 }, 10)).toEqual([{ from: 100, to: 200 }, { from: 400, to: 450 }]);
  });

  it('merges overlapping runs (replicas), and sees no outage while any one is up', () => {
    expect(serviceOutages([run(0, 100), run(50, 300), run(305, 500)], { fromMs: 0, toMs: 400 }, 10)).toEqual([]);
    expect(serviceOutages([run(0, 100), run(50, 300), run(320, 500)], { fromMs: 0, toMs: 400 }, 10)).toEqual([{ from: 310, to: 320 }]);
  });

  it('counts the whole window, or its start, as down when no run covers it', () => {
    expect(serviceOutages([], { fromMs: 10, toMs: 20 }, 10)).toEqual([{ from: 10, to: 20 }]);
    expect(serviceOutages([run(15, 100)], { fromMs: 10, toMs: 20 }, 10)).toEqual([{ from: 10, to: 15 }]);
  });
});

describe('deadlineCountingUptime', () => {
  it('is start + window without outages, or with outages outside the window', () => {
    expect(deadlineCountingUptime(100, 60, [])).toBe(160);
    expect(deadlineCountingUptime(100, 60, [{ from: 0, to: 90 }, { from: 170, to: 300 }])).toBe(160);
  });

  it('moves the end by each outage inside the window, and again by one the moved end reaches', () => {
    expect(deadlineCountingUptime(100, 60, [{ from: 110, to: 130 }])).toBe(180);
    // 100..110 up (10), 110..130 down, 130..175 up (45 more: 55), 175..200 down, then 5 more.
    expect(deadlineCountingUptime(100, 60, [{ from: 175, to: 200 }, { from: 110, to: 130 }])).toBe(205);
  });

  it('counts only the part of an outage after the start, and merges overlapping ones', () => {
    expect(deadlineCountingUptime(100, 60, [{ from: 80, to: 120 }])).toBe(180);
    expect(deadlineCountingUptime(100, 60, [{ from: 110, to: 130 }, { from: 120, to: 140 }])).toBe(190);
  });
});
