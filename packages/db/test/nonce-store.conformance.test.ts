import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NonceStore } from '@tensorgrid/domain';
import { DIALECTS, type TestDatabase, openTestDatabase } from '@tensorgrid/test-utils';
import { createNonceStore } from '../src/nonce-store';

const T0 = 1_700_000_000_000;
const ALICE = '0x00000000000000000000000000000000000a11ce';
const BOB = '0x0000000000000000000000000000000000000b0b';

describe.each(DIALECTS)('NonceStore on %s', (kind) => {
  let database: TestDatabase;
  let store: NonceStore;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    store = createNonceStore(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  it('consumes a nonce once per signer', async () => {
    expect(await store.consumeNonce({ signer: ALICE, nonce: 'n-1', expiresAt: T0 })).toBe(true);
    expect(await store.consumeNonce({ signer: ALICE, nonce: 'n-1', expiresAt: T0 + 1 })).toBe(false);
    expect(await store.consumeNonce({ signer: BOB, nonce: 'n-1', expiresAt: T0 })).toBe(true);
    expect(await store.consumeNonce({ signer: ALICE, nonce: 'n-2', expiresAt: T0 })).toBe(true);
  });

  it('lets exactly one of 20 concurrent consumers win', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => store.consumeNonce({ signer: ALICE, nonce: 'race', expiresAt: T0 })));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('prunes only nonces that expired before now', async () => {
    await store.consumeNonce({ signer: ALICE, nonce: 'old', expiresAt: T0 - 1 });
    await store.consumeNonce({ signer: BOB, nonce: 'old', expiresAt: T0 - 1_000 });
    await store.consumeNonce({ signer: ALICE, nonce: 'edge', expiresAt: T0 });
    await store.consumeNonce({ signer: ALICE, nonce: 'new', expiresAt: T0 + 1_000 });

    expect(await store.pruneNonces(T0)).toBe(2);
    expect(await store.pruneNonces(T0)).toBe(0);
    // Pruned nonces are gone; the others are still consumed.
    expect(await store.consumeNonce({ signer: ALICE, nonce: 'old', expiresAt: T0 + 5_000 })).toBe(true);
    expect(await store.consumeNonce({ signer: ALICE, nonce: 'edge', expiresAt: T0 })).toBe(false);
    expect(await store.consumeNonce({ signer: ALICE, nonce: 'new', expiresAt: T0 })).toBe(false);
  });
});
