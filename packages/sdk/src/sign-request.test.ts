import { REQUEST_TYPES, requestDomain } from '@tensorgrid/protocol';
import { keccak256, recoverTypedDataAddress, stringToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { hashBody, randomNonce, signRequest, type SignRequestParams, type SignatureHeaders } from './sign-request';

// anvil's first well-known development key
const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const NETWORK = `0x${'ab'.repeat(32)}` as const;
const params: SignRequestParams = {
  method: 'POST',
  path: '/v1/devices',
  body: '{"seq":1}',
  domain: { chainId: 31337, networkId: NETWORK },
  timestamp: 1_700_000_000,
  nonce: `0x${'42'.repeat(32)}`,
};

function recoverSigner(headers: SignatureHeaders, signed: Omit<SignRequestParams, 'timestamp' | 'nonce'>) {
  return recoverTypedDataAddress({
    domain: requestDomain(signed.domain),
    types: REQUEST_TYPES,
    primaryType: 'Request',
    message: {
      method: signed.method,
      path: signed.path,
      bodyHash: keccak256(stringToHex(signed.body)),
      timestamp: BigInt(headers['x-tg-timestamp']),
      nonce: headers['x-tg-nonce'] as `0x${string}`,
    },
    signature: headers['x-tg-signature'] as `0x${string}`,
  });
}

describe('hashBody', () => {
  it("hashes '' like keccak256 of no bytes", () => {
    expect(hashBody('')).toBe(keccak256('0x'));
  });

  it('hashes the UTF-8 bytes of the body', () => {
    expect(hashBody('{"a":1}')).toBe(keccak256(stringToHex('{"a":1}')));
    expect(hashBody('é')).toBe(keccak256('0xc3a9'));
  });

  it('hashes a body that looks like hex as text, not as the bytes it spells', () => {
    expect(hashBody('0x')).not.toBe(hashBody(''));
    expect(hashBody('0xdeadbeef')).toBe(keccak256(stringToHex('0xdeadbeef')));
    expect(hashBody('0xdeadbeef')).not.toBe(keccak256('0xdeadbeef'));
  });
});

describe('randomNonce', () => {
  it('is 32 bytes of lower-case hex', () => {
    expect(randomNonce()).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('differs between calls', () => {
    expect(randomNonce()).not.toBe(randomNonce());
  });
});

describe('signRequest', () => {
  it('returns the four x-tg headers', async () => {
    const headers = await signRequest(account, params);
    expect(Object.keys(headers).sort()).toEqual(['x-tg-nonce', 'x-tg-signature', 'x-tg-signer', 'x-tg-timestamp']);
    expect(headers['x-tg-signer']).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(headers['x-tg-timestamp']).toBe('1700000000');
    expect(headers['x-tg-nonce']).toBe(params.nonce);
    expect(headers['x-tg-signature']).toMatch(/^0x[0-9a-f]{130}$/);
  });

  it('is deterministic for a fixed key, timestamp and nonce', async () => {
    expect(await signRequest(account, params)).toEqual(await signRequest(account, params));
  });

  it('recovers to the signer', async () => {
    const headers = await signRequest(account, params);
    expect(await recoverSigner(headers, params)).toBe(account.address);
  });

  it('does not recover to the signer over a different chain id or network id', async () => {
    const headers = await signRequest(account, params);
    expect(await recoverSigner(headers, { ...params, domain: { chainId: 1, networkId: NETWORK } })).not.toBe(account.address);
    expect(await recoverSigner(headers, { ...params, domain: { chainId: 31337, networkId: `0x${'cd'.repeat(32)}` } })).not.toBe(account.address);
  });

  it.each([
    ['method', { method: 'PUT' }],
    ['path', { path: '/v1/devices?x=1' }],
    ['body', { body: '{"seq":2}' }],
    ['chain id', { domain: { chainId: 1, networkId: NETWORK } }],
    ['network id', { domain: { chainId: 31337, networkId: `0x${'cd'.repeat(32)}` as const } }],
    ['timestamp', { timestamp: 1_700_000_001 }],
    ['nonce', { nonce: `0x${'43'.repeat(32)}` as const }],
  ])('changes the signature when the %s changes', async (_what, change) => {
    const base = await signRequest(account, params);
    const changed = await signRequest(account, { ...params, ...change });
    expect(changed['x-tg-signature']).not.toBe(base['x-tg-signature']);
  });

  it('defaults the timestamp to now and the nonce to a fresh random one', async () => {
    const { timestamp: _t, nonce: _n, ...rest } = params;
    const before = Math.floor(Date.now() / 1000);
    const a = await signRequest(account, rest);
    const b = await signRequest(account, rest);
    const after = Math.floor(Date.now() / 1000);
    expect(Number(a['x-tg-timestamp'])).toBeGreaterThanOrEqual(before);
    expect(Number(a['x-tg-timestamp'])).toBeLessThanOrEqual(after);
    expect(a['x-tg-nonce']).toMatch(/^0x[0-9a-f]{64}$/);
    expect(a['x-tg-nonce']).not.toBe(b['x-tg-nonce']);
    expect(await recoverSigner(a, rest)).toBe(account.address);
  });
});
