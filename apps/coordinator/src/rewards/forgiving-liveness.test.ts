import { upMillis, type DeviceRecord } from '@tensorgrid/domain';
import { describe, expect, it } from 'vitest';
import { forgivingLiveness } from './forgiving-liveness';

const H = 3_600_000;

describe('forgivingLiveness', () => {
  const history = async () => [
    { at: 0, up: true },
    { at: 2 * H, up: false },
    { at: 4 * H, up: true },
  ];

  it("counts a device up through its region's degraded interval, and only its own region's", async () => {
    const source = forgivingLiveness({
      devices: { getDevice: async (id) => ({ id, location: id === 'de' ? { country: 'DE' } : undefined }) as DeviceRecord },
      liveness: { historyWithDegraded: async (_id, region) => ({ changes: await history(), degraded: region === 'DE' ? [{ from: 1 * H, to: 5 * H }] : [] }) },
    });
    const window = { fromMs: 0, toMs: 6 * H };
    expect(upMillis(await source.changes('de', window), { from: 0, to: 6 * H })).toBe(6 * H);
    expect(upMillis(await source.changes('other', window), { from: 0, to: 6 * H })).toBe(4 * H);
  });
});
