import { BaseError } from '@tensorgrid/protocol';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received: signatures bind its hash. */
    rawBody?: string;
  }
}

/**
 * Parses JSON bodies while keeping the raw text, which request signatures cover.
 * @param app - the Fastify instance
 */
export function registerRawJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
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
