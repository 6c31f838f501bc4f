import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { BaseError } from '@tensorgrid/protocol';

/** How to run one of the devnet's TypeScript services as a child process. */
export interface ServiceSpec<T> {
  name: string;
  /** The service's TypeScript entry (its main.ts), run through tsx. */
  script: string;
  /** Extra command-line arguments. */
  args?: string[];
  env: Record<string, string | undefined>;
  /** Where its stdout and stderr go. */
  logFile: string;
  /** Looks at each JSON log line; returns a value when the service is ready. */
  ready: (entry: Record<string, unknown>) => T | undefined;
  timeoutMs: number;
}

/** A running service. */
export interface RunningService<T> {
  name: string;
  child: ChildProcess;
  /** What `ready` returned. */
  ready: T;
  /** Resolves when the process exits, with its exit code (null if killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const TSX_LOADER = import.meta.resolve('tsx');

/**
 * Spawns a service, tees its output to its log file and waits until its logs say it is ready.
 * @param spec - what to run and how to tell it is ready
 * @throws {BaseError} UNAVAILABLE when it exits or times out before it is ready (with its last log lines)
 */
export async function spawnService<T>(spec: ServiceSpec<T>): Promise<RunningService<T>> {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const log = createWriteStream(spec.logFile, { flags: 'a' });
  // The IPC channel closes when the devnet dies, however it dies: the service then stops itself.
  const child = spawn(process.execPath, ['--import', TSX_LOADER, spec.script, ...(spec.args ?? [])], { env: spec.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr?.pipe(log, { end: false });

  const failure = (why: string) =>
    new BaseError('UNAVAILABLE', `The ${spec.name} ${why}`, { details: `Its last log lines (${spec.logFile}):\n${tail(spec.logFile)}` });

  const ready = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(failure(`was not ready within ${spec.timeoutMs / 1000} s`));
    }, spec.timeoutMs);
    let done = false;
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      log.write(`${line}\n`);
      if (done) return;
      let entry: unknown;
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      const value = typeof entry === 'object' && entry !== null ? spec.ready(entry as Record<string, unknown>) : undefined;
      if (value !== undefined) {
        done = true;
        clearTimeout(timer);
        resolve(value);
      }
    });
    void exited.then((code) => {
      if (done) return;
      clearTimeout(timer);
      // give the log stream a moment to flush the last lines before reading them
      setTimeout(() => reject(failure(`exited before it was ready (exit code ${code})`)), 50);
    });
  });

  return {
    name: spec.name,
    child,
    ready,
    exited,
    async stop(graceMs = 8000) {
      if (child.exitCode !== null || child.signalCode !== null) return void (await exited);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
