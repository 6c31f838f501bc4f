import { BaseError, httpStatusOf, isBaseError, toWireError } from '@tensorgrid/protocol';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Turns any error into the one wire shape `{ error: { code, message, data } }` with the
 * status from the code table. Unknown errors become INTERNAL and are logged, never leaked.
 * @param err - what a handler threw
 */
export function toBaseError(err: unknown): BaseError {
  if (isBaseError(err)) return err;
  const fastifyErr: Partial<FastifyError> = typeof err === 'object' && err !== null ? err : {};
  switch (fastifyErr.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new BaseError('PAYLOAD_TOO_LARGE', 'Request body is too large', { details: 'JSON bodies are limited to 1 MiB, datasets (PUT /v1/datasets) to 32 MiB.' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new BaseError('VALIDATION_FAILED', 'Unsupported content type: send application/json (raw dataset bytes: application/octet-stream to PUT /v1/datasets)');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new BaseError('VALIDATION_FAILED', 'The JSON body is empty');
  }
  if (fastifyErr.statusCode === 400) return new BaseError('VALIDATION_FAILED', fastifyErr.message ?? 'Bad request');
  return new BaseError('INTERNAL', 'Internal error', { cause: err, details: 'The coordinator logged the cause; retry later.' });
}

/** Fastify error handler that sends wire errors. */
export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const error = toBaseError(err);
  if (error.code === 'INTERNAL') request.log.error({ err }, 'unhandled error');
  void reply.status(httpStatusOf(error.code)).send(toWireError(error));
}
