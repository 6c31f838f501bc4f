import { describe, expect, it } from 'vitest';
import { deviceLocationSchema } from './location';

describe('deviceLocationSchema', () => {
  it('accepts a country alone, or with city and coordinates', () => {
    expect(deviceLocationSchema.parse({ country: 'DE' })).toEqual({ country: 'DE' });
    expect(deviceLocationSchema.parse({ country: 'JP', city: ' Tokyo ', latitude: 35.68, longitude: 139.69 })).toEqual({ country: 'JP', city: 'Tokyo', latitude: 35.68, longitude: 139.69 });
  });
  it.each([
    [{ country: 'de' }, 'country'],
    [{ country: 'DEU' }, 'country'],
    [{ country: 'DE', latitude: 91, longitude: 0 }, 'latitude'],
    [{ country: 'DE', latitude: 0, longitude: -181 }, 'longitude'],
    [{ country: 'DE', latitude: 10 }, 'latitude'],
    [{ country: 'DE', street: 'x' }, ''],
  ])('refuses %o', (value, path) => {
    const result = deviceLocationSchema.safeParse(value);
    expect(result.success).toBe(false);
    if (path) expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
