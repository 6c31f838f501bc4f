import { BaseError, isBaseError, toWireError } from '@tensorgrid/protocol';
import type { CliContext } from '../context';

/**
 * Prints a failure the way a person (or, with --json, a program) can act on it: the code,
 * the message, and what to do next.
 * @param ctx - the CLI context
 * @param err - what the command threw
 * @param json - print the wire error shape on stdout instead
 */
export function reportError(ctx: CliContext, err: unknown, json: boolean): void {
  const error = isBaseError(err) ? err : new BaseError('INTERNAL', err instanceof Error ? err.message : String(err), { cause: err });
  if (json) {
    ctx.stdout.write(`${JSON.stringify(toWireError(error))}\n`);
    return;
  }
  ctx.stderr.write(`error ${error.code}: ${error.shortMessage}\n`);
  if (error.details) ctx.stderr.write(`\n${error.details}\n`);
  if (error.code === 'INTERNAL' && error.cause instanceof Error && error.cause.stack) ctx.stderr.write(`\n${error.cause.stack}\n`);
}
