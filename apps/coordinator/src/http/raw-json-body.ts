import { BaseError } from '@tensorgrid/protocol';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received: signatures bind its hash. */
    rawBody?: string;
  }
}

/**
 * Accepts JSON bodies only, keeping the raw text, which request signatures cover. Every other
 * content type is refused before any handler runs, so no body ever escapes the signature.
 * @param app - the Fastify instance
 */
export function registerRawJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (cause) {
      done(new BaseError('VALIDATION_FAILED', 'The body is not valid JSON', { cause }), undefined);
    }
  });
}
