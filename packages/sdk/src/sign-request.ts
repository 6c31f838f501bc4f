import { REQUEST_TYPES, SIGNATURE_HEADERS, requestDomain, type SigningDomain } from '@tensorgrid/protocol';
import { bytesToHex, keccak256, stringToBytes, type LocalAccount } from 'viem';

/** Parameters of {@link signRequest}. */
export interface SignRequestParams {
  method: string;
  /** Path with query string, exactly as sent, e.g. `/v1/devices/0xab/heartbeats`. */
  path: string;
  /** The raw body as sent ('' for none). */
  body: string;
  /** The chain and network the signature is bound to. */
  domain: SigningDomain;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** 32 random bytes as hex; defaults to a fresh random nonce. */
  nonce?: `0x${string}`;
}

/** The signature headers of a request. */
export type SignatureHeaders = Record<(typeof SIGNATURE_HEADERS)[keyof typeof SIGNATURE_HEADERS], string>;

/**
 * Hashes a raw body as the signing scheme defines it: keccak256 of its UTF-8 bytes. The
 * coordinator verifies with this same function, so both sides always agree.
 * @param body - the raw body ('' for none)
 */
export function hashBody(body: string): `0x${string}` {
  return keccak256(stringToBytes(body));
}

/**
 * A fresh single-use nonce: 32 random bytes.
 */
export function randomNonce(): `0x${string}` {
  return bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * Signs a request with EIP-712 and returns the headers that carry the signature.
 * @param account - the signing key (a viem local account)
 * @param params - what to bind into the signature
 * @returns the `x-tg-*` headers
 * @example
 * ```ts
 * import { privateKeyToAccount } from 'viem/accounts';
 * import { signRequest } from '@tensorgrid/sdk';
 * const headers = await signRequest(privateKeyToAccount(key), { method: 'POST', path: '/v1/devices', body, domain: { chainId: 31337, networkId } });
 * ```
 */
export async function signRequest(account: LocalAccount, params: SignRequestParams): Promise<SignatureHeaders> {
  const timestamp = params.timestamp ?? Math.floor(Date.now() / 1000);
  const nonce = params.nonce ?? randomNonce();
  const signature = await account.signTypedData({
    domain: requestDomain(params.domain),
    types: REQUEST_TYPES,
    primaryType: 'Request',
    message: { method: params.method, path: params.path, bodyHash: hashBody(params.body), timestamp: BigInt(timestamp), nonce },
  });
  return {
    [SIGNATURE_HEADERS.signer]: account.address,
    [SIGNATURE_HEADERS.timestamp]: String(timestamp),
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  } as SignatureHeaders;
}
