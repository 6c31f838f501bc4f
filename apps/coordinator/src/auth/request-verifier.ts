import type { NonceStore } from '@tensorgrid/domain';
import { BaseError, REQUEST_TYPES, SIGNATURE_HEADERS, addressSchema, bytes32Schema, requestDomain, signatureSchema, type SigningDomain } from '@tensorgrid/protocol';
import { hashBody } from '@tensorgrid/sdk';
import { recoverTypedDataAddress } from 'viem';
import type { Clock } from '../clock';
import { checkTimestamp } from './core/check-timestamp';

/** The signed parts of a request, however it arrived (HTTP headers or a WS hello). */
export interface SignedEnvelope {
  method: string;
  path: string;
  rawBody: string;
  signer: string | undefined;
  timestamp: string | number | undefined;
  nonce: string | undefined;
  signature: string | undefined;
}

/** Verifies signed requests and consumes their nonces. */
export interface RequestVerifier {
  /**
   * Returns the lower-case signer address of a valid, fresh, never-seen request.
   * @throws {BaseError} UNAUTHENTICATED, SIGNATURE_INVALID, SIGNATURE_EXPIRED, NONCE_REPLAYED
   */
  verify(envelope: SignedEnvelope): Promise<string>;
}

/**
 * Creates the verifier of EIP-712 request signatures (see `@tensorgrid/protocol` request-signing).
 * @param deps - the nonce store, the clock, the signing domain and the timestamp tolerance
 */
export function createRequestVerifier(deps: { nonceStore: NonceStore; clock: Clock; domain: SigningDomain; toleranceS: number }): RequestVerifier {
  return {
    async verify(envelope) {
      const { signer, timestamp, nonce, signature } = envelope;
      if (signer === undefined || timestamp === undefined || nonce === undefined || signature === undefined) {
        throw new BaseError('UNAUTHENTICATED', `${envelope.method} ${envelope.path} must be signed`, {
          details: `Send the headers ${Object.values(SIGNATURE_HEADERS).join(', ')} (the SDK does this for you).`,
        });
      }
      const timestampS = Number(timestamp);
      if (!addressSchema.safeParse(signer).success || !bytes32Schema.safeParse(nonce).success || !signatureSchema.safeParse(signature).success || !Number.isSafeInteger(timestampS) || timestampS < 0) {
        throw new BaseError('SIGNATURE_INVALID', 'Malformed signature headers', { data: { signer, nonce, timestamp } });
      }
      const fresh = checkTimestamp(timestampS, deps.clock.now(), deps.toleranceS);
      if (fresh.kind === 'expired') {
        throw new BaseError('SIGNATURE_EXPIRED', `Signed timestamp is ${fresh.skewS} s away from the coordinator's clock (limit ${deps.toleranceS} s)`, {
          data: { skewS: fresh.skewS, toleranceS: deps.toleranceS },
          details: "Sign with the current time; check the machine's clock.",
        });
      }
      let recovered: string;
      try {
        recovered = await recoverTypedDataAddress({
          domain: requestDomain(deps.domain),
          types: REQUEST_TYPES,
          primaryType: 'Request',
          message: { method: envelope.method, path: envelope.path, bodyHash: hashBody(envelope.rawBody), timestamp: BigInt(timestampS), nonce: nonce as `0x${string}` },
          signature: signature as `0x${string}`,
        });
      } catch (cause) {
        throw new BaseError('SIGNATURE_INVALID', 'The signature cannot be recovered', { cause });
      }
      const address = signer.toLowerCase();
      if (recovered.toLowerCase() !== address) {
        throw new BaseError('SIGNATURE_INVALID', `The signature was not made by ${signer} over this request`, {
          data: { signer },
          details: 'The method, path, body, chain id, network id, timestamp and nonce must be exactly those that were signed.',
        });
      }
      const consumed = await deps.nonceStore.consumeNonce({ signer: address, nonce: nonce.toLowerCase(), expiresAt: (timestampS + deps.toleranceS) * 1000 });
      if (!consumed) {
        throw new BaseError('NONCE_REPLAYED', 'This signed request was already used', { data: { signer: address, nonce }, details: 'Sign every request with a fresh nonce.' });
      }
      return address;
    },
  };
}
