/**
 * `tgrid`'s composition root: the only place that reads the process's environment and
 * arguments.
 */
import { createProgram } from './program';

const program = createProgram({ env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
await program.parseAsync(process.argv);
