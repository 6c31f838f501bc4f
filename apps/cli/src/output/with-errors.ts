import type { CliContext } from '../context';
import { reportError } from './report-error';

/**
 * Wraps a command's action: typed errors are printed with what to do next, and the
 * process exit code becomes 1.
 * @param ctx - the CLI context
 * @param action - the command's body
 */
export function withErrors<A extends unknown[]>(ctx: CliContext, action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (err) {
      const options = args.find((a): a is { json?: boolean } => typeof a === 'object' && a !== null && 'json' in a);
      reportError(ctx, err, options?.json === true);
      ctx.setExitCode(1);
    }
  };
}
