import { type ErrorCode, isRetryableCode } from './codes';

/** Options of a {@link BaseError}. */
export interface BaseErrorOptions {
  /** Machine-readable facts about the failure; sent on the wire as `data`. */
  data?: Record<string, unknown>;
  /** Longer human explanation: what to do next. */
  details?: string;
  /** The error that caused this one. */
  cause?: unknown;
  /** Overrides the code's default retryability. */
  retryable?: boolean;
}

/**
 * The one error type of Tensorgrid. Every failure that crosses a boundary is a BaseError
 * with a closed `code`, a short message and `retryable`.
 * @example
 * ```ts
 * import { BaseError } from '@tensorgrid/protocol';
 * throw new BaseError('DEVICE_NOT_FOUND', 'No device 0xabc', { data: { id: '0xabc' } });
 * ```
 */
export class BaseError extends Error {
  override name = 'BaseError';
  /** The closed code: match on this. */
  readonly code: ErrorCode;
  /** The short message, without details. */
  readonly shortMessage: string;
  /** What to do next, when there is something to say. */
  readonly details: string | undefined;
  /** Facts about the failure (sent on the wire). */
  readonly data: Record<string, unknown>;
  /** Whether retrying the same operation may succeed. */
  readonly retryable: boolean;

  constructor(code: ErrorCode, shortMessage: string, options: BaseErrorOptions = {}) {
    super(options.details ? `${shortMessage}\n\n${options.details}` : shortMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.data = options.data ?? {};
    this.retryable = options.retryable ?? isRetryableCode(code);
  }
}

/**
 * Whether a value is a BaseError, checked structurally so it works across package copies.
 * @param err - anything thrown
 */
export function isBaseError(err: unknown): err is BaseError {
  return err instanceof Error && err.name === 'BaseError' && typeof (err as BaseError).code === 'string';
}
