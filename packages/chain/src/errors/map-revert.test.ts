import { describe, expect, it } from 'vitest';
import { BaseError } from '@tensorgrid/protocol';
import { createChainClients } from '../clients';
import { mapChainError } from './map-revert';

describe('mapChainError', () => {
  it('maps an unreachable RPC to a retryable NETWORK_ERROR', async () => {
    // Port 9 (discard) is closed on 127.0.0.1.
    const { publicClient } = createChainClients({ rpcUrl: 'http://127.0.0.1:9', chainId: 31337 });
    const err = await publicClient.getBlockNumber().catch((e: unknown) => e);
    const mapped = mapChainError(err);
    expect(mapped.code).toBe('NETWORK_ERROR');
    expect(mapped.retryable).toBe(true);
    expect(mapped.data.url).toMatch(/^http:\/\/127\.0\.0\.1:9\/?$/);
    expect(mapped.cause).toBe(err);
  });

  it('passes a BaseError through and wraps anything else as CHAIN_ERROR', () => {
    const own = new BaseError('TIMEOUT', 'slow');
    expect(mapChainError(own)).toBe(own);
    const mapped = mapChainError(new Error('boom'));
    expect(mapped.code).toBe('CHAIN_ERROR');
    expect(mapped.shortMessage).toContain('boom');
  });

  it('rejects a malformed private key without echoing it', () => {
    let caught: unknown;
    try {
      createChainClients({ rpcUrl: 'http://127.0.0.1:9', chainId: 1, privateKey: '0x1234' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'KEY_INVALID' });
    expect(String((caught as Error).message)).not.toContain('1234');
  });
});
