/** What a command printed, or that the program is not installed. */
export type CommandResult = { stdout: string } | { missing: true };

/**
 * The port through which the probe runs system tools (`nvidia-smi`, `system_profiler`):
 * a program and its arguments, no shell. Resolves `{ missing: true }` when the program is
 * not installed; rejects with a BaseError `HARDWARE_PROBE_FAILED` when it fails or times out.
 * Tests pass a fake that returns recorded output.
 */
export type RunCommand = (cmd: string, args: readonly string[]) => Promise<CommandResult>;
