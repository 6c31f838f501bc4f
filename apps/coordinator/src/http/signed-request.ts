import { SIGNATURE_HEADERS } from '@tensorgrid/protocol';
import type { FastifyRequest } from 'fastify';
import type { RequestVerifier } from '../auth/request-verifier';

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Verifies an HTTP request's signature headers and returns the signer's lower-case address.
 * @param verifier - the request verifier
 * @param request - the Fastify request
 */
export function verifyHttpRequest(verifier: RequestVerifier, request: FastifyRequest): Promise<string> {
  return verifier.verify({
    method: request.method,
    path: request.url,
    rawBody: request.rawBody ?? '',
    signer: header(request, SIGNATURE_HEADERS.signer),
    timestamp: header(request, SIGNATURE_HEADERS.timestamp),
    nonce: header(request, SIGNATURE_HEADERS.nonce),
    signature: header(request, SIGNATURE_HEADERS.signature),
  });
}
