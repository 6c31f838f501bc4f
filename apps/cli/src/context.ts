/** What every command gets from the composition root: no command reads process.* itself. */
export interface CliContext {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}
