import { z } from 'zod';
import { BaseError } from './base-error';
import { ERROR_CODE_LIST } from './codes';

/** The wire shape of every error response: `{ error: { code, message, data } }`. */
export const wireErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODE_LIST),
    message: z.string(),
    details: z.string().optional(),
    data: z.record(z.string(), z.unknown()).default({}),
    retryable: z.boolean().optional(),
  }),
});

/** An error as sent on the wire. */
export type WireError = z.infer<typeof wireErrorSchema>;

/**
 * Serialises an error for the wire.
 * @param err - a BaseError
 */
export function toWireError(err: BaseError): WireError {
  return {
    error: {
      code: err.code,
      message: err.shortMessage,
      ...(err.details === undefined ? {} : { details: err.details }),
      data: err.data,
      retryable: err.retryable,
    },
  };
}

/**
 * Rebuilds the typed error from a wire body. Returns undefined when the body is not a wire error.
 * @param body - a parsed JSON response body
 */
export function fromWireError(body: unknown): BaseError | undefined {
  const parsed = wireErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { code, message, details, data, retryable } = parsed.data.error;
  return new BaseError(code, message, {
    data,
    ...(details === undefined ? {} : { details }),
    ...(retryable === undefined ? {} : { retryable }),
  });
}
