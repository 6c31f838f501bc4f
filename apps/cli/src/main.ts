/**
 * `tgrid`'s composition root: the only place that reads the process's environment and
 * arguments.
 */
import { createProgram } from './program';

const program = createProgram({
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  waitForSignal: () => new Promise((resolve) => ['SIGINT', 'SIGTERM'].forEach((signal) => process.once(signal, () => resolve(signal)))),
  setExitCode: (code) => void (process.exitCode = code),
});
await program.parseAsync(process.argv);
