import type { CliContext } from '../src/context';
import { createProgram } from '../src/program';

/**
 * Runs `tgrid <args>` in-process with captured output, as a user would type it.
 * @param args - the arguments after `tgrid`
 * @param env - the environment the CLI sees
 */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const out: string[] = [];
  const err: string[] = [];
  let exitCode = 0;
  const ctx: CliContext = {
    env,
    cwd: process.cwd(),
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    waitForSignal: () => new Promise<string>(() => undefined),
    setExitCode: (c: number) => void (exitCode = c),
  };
  await createProgram(ctx).exitOverride().parseAsync(['node', 'tgrid', ...args]);
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}
