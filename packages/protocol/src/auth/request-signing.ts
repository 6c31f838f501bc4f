/**
 * The request-signing scheme. Every agent request is signed with EIP-712 typed data that
 * binds the HTTP method, the path (with query), the keccak256 of the raw body, the chain id
 * and the network id (in the domain), a timestamp and a single-use nonce. The network id
 * names one Tensorgrid network, so a request signed for one coordinator cannot be relayed to
 * another on the same chain. The coordinator refuses a request
 * whose signature does not recover to the signer header, whose timestamp is outside the
 * tolerance, or whose (signer, nonce) pair it has seen before.
 */

/** HTTP headers that carry a request signature. */
export const SIGNATURE_HEADERS = {
  signer: 'x-tg-signer',
  timestamp: 'x-tg-timestamp',
  nonce: 'x-tg-nonce',
  signature: 'x-tg-signature',
} as const;

/** How far, in seconds, a signed timestamp may be from the coordinator's clock. */
export const SIGNATURE_TOLERANCE_S = 300;

/** The method string signed for a WebSocket session's opening message. */
export const WS_SIGNED_METHOD = 'WS';

/** What a signature is bound to: the chain and the network (its coordinator's id). */
export interface SigningDomain {
  chainId: number;
  /** 32 bytes naming one Tensorgrid network; /v1/health tells it. */
  networkId: `0x${string}`;
}

/**
 * The EIP-712 domain of Tensorgrid requests of one network.
 * @param domain - chain id and network id
 */
export function requestDomain(domain: SigningDomain) {
  return { name: 'Tensorgrid', version: '1', chainId: domain.chainId, salt: domain.networkId } as const;
}

/** EIP-712 types of a signed request. */
export const REQUEST_TYPES = {
  Request: [
    { name: 'method', type: 'string' },
    { name: 'path', type: 'string' },
    { name: 'bodyHash', type: 'bytes32' },
    { name: 'timestamp', type: 'uint64' },
    { name: 'nonce', type: 'bytes32' },
  ],
} as const;

/** EIP-712 types of an operator's attestation that a worker key belongs to it. */
export const OPERATOR_ATTESTATION_TYPES = {
  OperatorAttestation: [
    { name: 'worker', type: 'address' },
    { name: 'issuedAt', type: 'uint64' },
  ],
} as const;
