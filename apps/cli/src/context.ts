/** What every command gets from the composition root: no command reads the environment, arguments or signals itself. */
export interface CliContext {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Resolves with the name of the first SIGINT or SIGTERM received. */
  waitForSignal(): Promise<string>;
  /** Sets the process's exit code (1 on failure). */
  setExitCode(code: number): void;
}
