import { describe, expect, it } from 'vitest';
import { decideDegradedRegions } from './decide-degraded-regions';

describe('decideDegradedRegions', () => {
  it('starts regions at 55% down, ends those back under it or gone, and leaves others', () => {
    const regions = [
      { region: 'DE', devices: 20, down: 11 },
      { region: 'FR', devices: 20, down: 10 },
      { region: 'US', devices: 3, down: 3 },
      { region: 'JP', devices: 4, down: 1 },
    ];
    expect(decideDegradedRegions(regions, { degraded: ['US', 'JP', 'BR'], minDevices: 3 })).toEqual({ start: ['DE'], end: ['BR', 'JP'] });
    expect(decideDegradedRegions(regions, { degraded: [], share: 0.5, minDevices: 1 })).toEqual({ start: ['DE', 'FR', 'US'], end: [] });
  });

  it('never puts a region smaller than the minimum in degraded mode (a lone device is penalised for its own downtime)', () => {
    const small = [{ region: 'US', devices: 3, down: 3 }, { region: 'DE', devices: 10, down: 6 }];
    expect(decideDegradedRegions(small, { degraded: ['US'] })).toEqual({ start: ['DE'], end: ['US'] });
  });
});
