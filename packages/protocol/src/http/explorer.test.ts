import { describe, expect, it } from 'vitest';
import { explorerDevicesQuerySchema, explorerUptimeQuerySchema } from './explorer';

describe('explorer schemas', () => {
  it('parses list filters from query strings', () => {
    expect(explorerDevicesQuerySchema.parse({ country: 'de', tier: '2', simulated: 'false', minScore: '40.5', limit: '10', after: `0x${'A'.repeat(40)}` })).toEqual({
      country: 'DE', tier: 2, simulated: false, minScore: 40.5, limit: 10, after: `0x${'a'.repeat(40)}`,
    });
    expect(explorerDevicesQuerySchema.parse({ tier: 'unranked' })).toEqual({ tier: 'unranked', limit: 50 });
  });
  it.each([[{ country: 'DEU' }], [{ tier: '5' }], [{ simulated: 'yes' }], [{ minScore: '101' }], [{ limit: '101' }], [{ after: 'x' }], [{ operator: `0x${'1'.repeat(40)}` }]])('refuses %o', (q) => {
    expect(explorerDevicesQuerySchema.safeParse(q).success).toBe(false);
  });
  it('refuses an uptime window that ends before it starts', () => {
    expect(explorerUptimeQuerySchema.safeParse({ from: '2024-01-02T00:00:00Z', to: '2024-01-01T00:00:00Z' }).success).toBe(false);
  });
});
