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

describe('worker job options', () => {
  it('reads the chain and job settings from TG_* variables, flags winning, with defaults', () => {
    const defaults = loadWorkerOptions({});
    expect(defaults).toMatchObject({ chainId: 31337, jobPriority: 'fee-per-gas', jobIntervalMs: 2000, jobKernel: 'canonical' });
    expect(defaults.rpcUrl).toBeUndefined();
    const market = `0x${'ab'.repeat(20)}`;
    const options = loadWorkerOptions(
      { TG_RPC_URL: 'http://127.0.0.1:8545', TG_CHAIN_ID: '5', TG_JOB_MARKET_ADDRESS: market, TG_JOB_PRIORITY: 'deadline', TG_JOB_MEMORY_BYTES: '1048576', TG_JOB_KERNEL: 'lanes4' },
      { jobIntervalMs: '500' },
    );
    expect(options).toMatchObject({ rpcUrl: 'http://127.0.0.1:8545', chainId: 5, jobMarketAddress: market, jobPriority: 'deadline', jobIntervalMs: 500, jobMemoryBytes: 1_048_576, jobKernel: 'lanes4' });
    expect(loadWorkerOptions({ TG_JOB_KERNEL: 'lanes4' }, { jobKernel: 'canonical' }).jobKernel).toBe('canonical');
  });
  it.each([[{ TG_JOB_PRIORITY: 'cheapest' }], [{ TG_JOB_MARKET_ADDRESS: '0x12' }], [{ TG_JOB_INTERVAL_MS: '5' }], [{ TG_JOB_KERNEL: 'pytorch' }]])('refuses %o', (env) => {
    expect(() => loadWorkerOptions(env)).toThrow();
  });
});
