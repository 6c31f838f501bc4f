import { execFile } from 'node:child_process';
import { BaseError } from '@tensorgrid/protocol';
import type { RunCommand } from './core/run-command';

/** Options of {@link createExecFileRunner}. */
export interface ExecFileRunnerOptions {
  /** Kill the command after this long; default 30 s (nvidia-smi wakes idle GPUs one by one). */
  timeoutMs?: number;
  /** Largest stdout accepted; default 32 MiB (`-q -x` prints ~20 KiB a GPU). */
  maxBufferBytes?: number;
}

const OUTPUT_KEPT = 2000;

/**
 * The real {@link RunCommand}: `execFile` with a timeout. A program not on the PATH
 * (ENOENT) resolves `{ missing: true }`; a non-zero exit, a signal or a timeout rejects
 * with `HARDWARE_PROBE_FAILED` carrying the exit code and the end of what it printed.
 * @param options - timeout and buffer limits
 */
export function createExecFileRunner(options: ExecFileRunnerOptions = {}): RunCommand {
  const timeout = options.timeoutMs ?? 30_000;
  const maxBuffer = options.maxBufferBytes ?? 32 * 1024 * 1024;
  return (cmd, args) =>
    new Promise((resolve, reject) => {
      execFile(cmd, [...args], { timeout, maxBuffer, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
        if (!error) return resolve({ stdout });
        if (error.code === 'ENOENT') return resolve({ missing: true });
        const command = [cmd, ...args].join(' ');
        const output = `${stderr}\n${stdout}`.trim().slice(-OUTPUT_KEPT);
        const timedOut = error.killed === true && error.signal === 'SIGTERM';
        const how = timedOut ? `timed out after ${timeout} ms` : typeof error.code === 'number' ? `exited with code ${error.code}` : error.message;
        reject(
          new BaseError('HARDWARE_PROBE_FAILED', `\`${command}\` ${how}${output ? `: ${output.split('\n')[0]}` : ''}`, {
            data: { command, exitCode: typeof error.code === 'number' ? error.code : null, signal: error.signal ?? null, timedOut, output },
            details: timedOut ? 'The tool hung; check the GPU driver (dmesg) and try again.' : undefined,
            retryable: timedOut,
            cause: error,
          }),
        );
      });
    });
}
