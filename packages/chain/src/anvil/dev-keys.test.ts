import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS } from './dev-keys';

describe('ANVIL_DEV_KEYS', () => {
  it('are the keys of the ten checksummed dev addresses, in order', () => {
    expect(ANVIL_DEV_KEYS).toHaveLength(10);
    expect(ANVIL_DEV_KEYS.map((k) => privateKeyToAccount(k).address)).toEqual([...ANVIL_DEV_ADDRESSES]);
  });
});
