import { describe, expect, it } from 'vitest';
import { BaseError, isErrorCode } from '@tensorgrid/protocol';
import { feeVaultAbi, fixedPriceSwapAdapterAbi, leasesAbi } from '../generated/artifacts';
import { LEASES_ERROR_CODES, mapLeasesError } from './leases-errors';

describe('LEASES_ERROR_CODES', () => {
  it('gives every custom error of Leases, FeeVault and the swap adapter a known code', () => {
    const own = [...leasesAbi, ...feeVaultAbi, ...fixedPriceSwapAdapterAbi]
      .filter((item) => item.type === 'error')
      .map((item) => item.name)
      .filter((name) => /^(Leases|FeeVault|FixedPriceSwapAdapter)/.test(name));
    expect(own.length).toBeGreaterThan(30);
    for (const name of own) expect(LEASES_ERROR_CODES[name], name).toBeDefined();
    for (const code of Object.values(LEASES_ERROR_CODES)) expect(isErrorCode(code)).toBe(true);
  });

  it('passes errors that are not reverts through mapChainError', () => {
    const own = new BaseError('TIMEOUT', 'slow');
    expect(mapLeasesError(own)).toBe(own);
    expect(mapLeasesError(new Error('boom')).code).toBe('CHAIN_ERROR');
  });
});
