import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBaseError, type BaseError } from '@tensorgrid/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliContext } from './context';
import { writeDevnetInfo, type DevnetInfo } from './devnet/devnet-info';
import { DEFAULT_DATA_DIR, resolveCoordinatorUrl } from './resolve-coordinator';

const DEVNET_URL = 'http://127.0.0.1:7070';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'tg-resolve-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function context(env: Record<string, string | undefined> = {}): CliContext {
  const sink = { write: () => true };
  return { env, cwd, stdout: sink, stderr: sink, waitForSignal: () => new Promise(() => undefined), setExitCode: () => undefined };
}

function devnetInfo(pid: number, dataDir: string): DevnetInfo {
  return {
    version: 1,
    pid,
    startedAt: '2024-01-01T00:00:00.000Z',
    coordinatorUrl: DEVNET_URL,
    wsUrl: 'ws://127.0.0.1:7070/v1/ws',
    rpcUrl: 'http://127.0.0.1:8545',
    chainId: 31337,
    contracts: {},
    workers: [],
    dataDir,
  };
}

/** The pid of a process that has already exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not spawn a child process');
  return child.pid;
}

function errorOf(fn: () => unknown): BaseError {
  try {
    fn();
  } catch (err) {
    if (isBaseError(err)) return err;
    throw err;
  }
  throw new Error('expected a throw');
}

describe('resolveCoordinatorUrl', () => {
  it('prefers the --coordinator flag over the environment and the devnet', () => {
    writeDevnetInfo(join(cwd, DEFAULT_DATA_DIR), devnetInfo(process.pid, join(cwd, DEFAULT_DATA_DIR)));
    const ctx = context({ TG_COORDINATOR_URL: 'http://env:1' });
    expect(resolveCoordinatorUrl(ctx, { coordinator: 'http://flag:1' })).toBe('http://flag:1');
  });

  it('prefers TG_COORDINATOR_URL over the devnet', () => {
    writeDevnetInfo(join(cwd, DEFAULT_DATA_DIR), devnetInfo(process.pid, join(cwd, DEFAULT_DATA_DIR)));
    expect(resolveCoordinatorUrl(context({ TG_COORDINATOR_URL: 'http://env:1' }), {})).toBe('http://env:1');
  });

  it('uses the flag or the environment without looking for a devnet', () => {
    expect(resolveCoordinatorUrl(context(), { coordinator: 'http://flag:1' })).toBe('http://flag:1');
    expect(resolveCoordinatorUrl(context({ TG_COORDINATOR_URL: 'http://env:1' }), {})).toBe('http://env:1');
  });

  it('uses the coordinator of a running devnet in the default data directory', () => {
    writeDevnetInfo(join(cwd, DEFAULT_DATA_DIR), devnetInfo(process.pid, join(cwd, DEFAULT_DATA_DIR)));
    expect(resolveCoordinatorUrl(context(), {})).toBe(DEVNET_URL);
  });

  it('treats an empty TG_COORDINATOR_URL as unset', () => {
    writeDevnetInfo(join(cwd, DEFAULT_DATA_DIR), devnetInfo(process.pid, join(cwd, DEFAULT_DATA_DIR)));
    expect(resolveCoordinatorUrl(context({ TG_COORDINATOR_URL: '' }), {})).toBe(DEVNET_URL);
  });

  it('resolves --data-dir against the working directory', () => {
    writeDevnetInfo(join(cwd, 'other'), { ...devnetInfo(process.pid, join(cwd, 'other')), coordinatorUrl: 'http://127.0.0.1:9999' });
    expect(resolveCoordinatorUrl(context(), { dataDir: 'other' })).toBe('http://127.0.0.1:9999');
  });

  it('throws DEVNET_NOT_RUNNING when no devnet was started there', () => {
    const err = errorOf(() => resolveCoordinatorUrl(context(), {}));
    expect(err.code).toBe('DEVNET_NOT_RUNNING');
    expect(err.shortMessage).toContain(join(cwd, DEFAULT_DATA_DIR));
    expect(err.details).toContain('npm start');
    expect(err.details).toContain('--coordinator');
  });

  it('throws DEVNET_NOT_RUNNING, mentioning npm start, when the devnet process has exited', () => {
    const pid = deadPid();
    writeDevnetInfo(join(cwd, DEFAULT_DATA_DIR), devnetInfo(pid, join(cwd, DEFAULT_DATA_DIR)));
    const err = errorOf(() => resolveCoordinatorUrl(context(), {}));
    expect(err.code).toBe('DEVNET_NOT_RUNNING');
    expect(err.shortMessage).toContain(String(pid));
    expect(err.message).toContain('npm start');
  });

  it('lets a corrupt devnet.json surface as CONFIG_INVALID', () => {
    writeDevnetInfo(join(cwd, DEFAULT_DATA_DIR), { ...devnetInfo(process.pid, cwd), coordinatorUrl: 'not a url' });
    expect(errorOf(() => resolveCoordinatorUrl(context(), {})).code).toBe('CONFIG_INVALID');
  });
});
