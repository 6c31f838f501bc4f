import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBaseError } from '@tensorgrid/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVNET_INFO_FILE, isProcessAlive, readDevnetInfo, writeDevnetInfo, type DevnetInfo } from './devnet-info';

const info: DevnetInfo = {
  version: 1,
  pid: 4321,
  startedAt: '2024-01-01T00:00:00.000Z',
  coordinatorUrl: 'http://127.0.0.1:7070',
  wsUrl: 'ws://127.0.0.1:7070/v1/ws',
  rpcUrl: 'http://127.0.0.1:8545',
  chainId: 31337,
  contracts: { GridToken: `0x${'11'.repeat(20)}` },
  workers: [{ id: `0x${'22'.repeat(20)}`, kind: 'gpu', gpuModel: 'NVIDIA GeForce RTX 4090', gpus: 2 }],
  dataDir: '/tmp/somewhere',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tg-devnet-info-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** The pid of a process that has already exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not spawn a child process');
  return child.pid;
}

describe('writeDevnetInfo / readDevnetInfo', () => {
  it('round-trips the facts', () => {
    writeDevnetInfo(dir, info);
    expect(readDevnetInfo(dir)).toEqual(info);
  });

  it('writes pretty JSON to devnet.json and leaves no temp file', () => {
    writeDevnetInfo(dir, info);
    expect(readdirSync(dir)).toEqual([DEVNET_INFO_FILE]);
    expect(JSON.parse(readFileSync(join(dir, DEVNET_INFO_FILE), 'utf8'))).toEqual(info);
  });

  it('creates the data directory when it is missing', () => {
    const nested = join(dir, 'a', 'b');
    writeDevnetInfo(nested, info);
    expect(readDevnetInfo(nested)).toEqual(info);
  });

  it('replaces an earlier file', () => {
    writeDevnetInfo(dir, info);
    writeDevnetInfo(dir, { ...info, pid: 99, workers: [] });
    expect(readDevnetInfo(dir)).toMatchObject({ pid: 99, workers: [] });
  });

  it('returns undefined when no devnet was started there', () => {
    expect(readDevnetInfo(dir)).toBeUndefined();
    expect(readDevnetInfo(join(dir, 'missing'))).toBeUndefined();
  });

  it.each([
    ['not JSON', '{ "version": 1,'],
    ['empty', ''],
    ['the wrong shape', JSON.stringify({ ...info, version: 2 })],
    ['a bad contract address', JSON.stringify({ ...info, contracts: { GridToken: '0x12' } })],
  ])('throws CONFIG_INVALID for a file that is %s', (_what, text) => {
    writeFileSync(join(dir, DEVNET_INFO_FILE), text);
    const err = thrownBy(() => readDevnetInfo(dir));
    expect(isBaseError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((err as Error).message).toContain(join(dir, DEVNET_INFO_FILE));
    expect((err as Error).message).toContain('npm start');
  });
});

describe('isProcessAlive', () => {
  it('is true for this process', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
  });

  it('is false for 0 and negative pids, which name process groups', () => {
    expect(isProcessAlive(0)).toBe(false);
    expect(isProcessAlive(-1)).toBe(false);
  });

  it('is false for a process that has exited', () => {
    expect(isProcessAlive(deadPid())).toBe(false);
  });
});
