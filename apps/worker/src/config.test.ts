import { describe, expect, it } from 'vitest';
import { loadWorkerOptions, locationOf } from './config';

describe('worker location options', () => {
  it('reads TG_COUNTRY, TG_CITY, TG_LAT and TG_LON, flags winning', () => {
    const options = loadWorkerOptions({ TG_COUNTRY: 'de', TG_CITY: 'Berlin', TG_LAT: '52.52', TG_LON: '13.40' }, { city: 'Potsdam' });
    expect(locationOf(options)).toEqual({ country: 'DE', city: 'Potsdam', latitude: 52.52, longitude: 13.4 });
    expect(locationOf(loadWorkerOptions({}))).toBeUndefined();
  });
  it.each([[{ TG_COUNTRY: 'Germany' }], [{ TG_COUNTRY: 'DE', TG_LAT: '91', TG_LON: '0' }], [{ TG_COUNTRY: 'DE', TG_LAT: '10' }], [{ TG_CITY: 'Berlin' }]])('refuses %o', (env) => {
    expect(() => loadWorkerOptions(env)).toThrow();
  });
});
