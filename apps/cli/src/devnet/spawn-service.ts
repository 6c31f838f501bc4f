import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BaseError } from '@tensorgrid/protocol';

/** How to run one of the devnet's TypeScript services as a child process. */
export interface ServiceSpec<T> {
  name: string;
  /** The service's TypeScript entry (its main.ts), run through tsx. */
  script: string;
  env: Record<string, string | undefined>;
  /** Where its stdout and stderr go (appended). */
  logFile: string;
  /** Looks at each message the service sends over IPC; returns a value when it is ready. */
  ready: (message: unknown) => T | undefined;
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
 * Spawns a service with its output going straight to its log file and an IPC channel, and
 * waits for the service's `ready` message. The service owns its output (nothing it writes
 * depends on the devnet being alive) and stops itself when the channel closes, however the
 * devnet ended.
 * @param spec - what to run and how to tell it is ready
 * @throws {BaseError} UNAVAILABLE when it exits or times out before it is ready (with its last log lines)
 */
export async function spawnService<T>(spec: ServiceSpec<T>): Promise<RunningService<T>> {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const log = openSync(spec.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, ['--import', TSX_LOADER, spec.script], { env: spec.env as NodeJS.ProcessEnv, stdio: ['ignore', log, log, 'ipc'] });
  } finally {
    closeSync(log); // the child holds its own copy
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const failure = (why: string) =>
    new BaseError('UNAVAILABLE', `The ${spec.name} ${why}`, { details: `Its last log lines (${spec.logFile}):\n${tail(spec.logFile)}` });

  const ready = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(failure(`was not ready within ${spec.timeoutMs / 1000} s`));
    }, spec.timeoutMs);
    const onMessage = (message: unknown) => {
      const value = spec.ready(message);
      if (value === undefined) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(value);
    };
    child.on('message', onMessage);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(failure(`exited before it was ready (exit code ${code})`));
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
