import type { z } from 'zod';
import { BaseError } from './base-error';

/**
 * Turns a zod failure into a VALIDATION_FAILED error that names every bad field.
 * @param error - the zod error
 * @param what - what was being validated, e.g. "request body"
 */
export function validationError(error: z.ZodError, what: string): BaseError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  const summary = issues.map((i) => (i.path === '(root)' ? i.message : `${i.path}: ${i.message}`)).join('; ');
  return new BaseError('VALIDATION_FAILED', `Invalid ${what}: ${summary}`, { data: { issues } });
}

/**
 * Parses a value with a schema or throws a typed VALIDATION_FAILED error.
 * @param schema - a zod schema
 * @param value - the untrusted value
 * @param what - what is being validated, used in the message
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, what);
  return result.data;
}
