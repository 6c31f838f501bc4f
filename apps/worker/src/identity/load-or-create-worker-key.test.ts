import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateWorkerKey, WORKER_KEY_FILE } from './load-or-create-worker-key';
import { parsePrivateKey } from './parse-private-key';

const tempDir = () => mkdtempSync(join(tmpdir(), 'tg-worker-'));

describe('loadOrCreateWorkerKey', () => {
  it('generates a key with mode 0600 and keeps it', () => {
    const dir = join(tempDir(), 'nested');
    const first = loadOrCreateWorkerKey(dir);
    expect(first.created).toBe(true);
    expect(statSync(first.keyFile).mode & 0o777).toBe(0o600);
    const second = loadOrCreateWorkerKey(dir);
    expect(second.created).toBe(false);
    expect(second.account.address).toBe(first.account.address);
  });

  it('gives different directories different identities', () => {
    expect(loadOrCreateWorkerKey(tempDir()).account.address).not.toBe(loadOrCreateWorkerKey(tempDir()).account.address);
  });

  it('refuses a key readable by others and says how to fix it', () => {
    const dir = tempDir();
    const { keyFile } = loadOrCreateWorkerKey(dir);
    chmodSync(keyFile, 0o644);
    expect(() => loadOrCreateWorkerKey(dir)).toThrowError(expect.objectContaining({ code: 'KEY_INVALID', message: expect.stringContaining('chmod 600') }));
  });

  it('refuses a malformed key file and leaves it untouched', () => {
    const dir = tempDir();
    const file = join(dir, WORKER_KEY_FILE);
    writeFileSync(file, 'not a key\n', { mode: 0o600 });
    expect(() => loadOrCreateWorkerKey(dir)).toThrowError(expect.objectContaining({ code: 'KEY_INVALID' }));
    expect(readFileSync(file, 'utf8')).toBe('not a key\n');
  });
});

describe('parsePrivateKey', () => {
  it('accepts a hex key and refuses anything else', () => {
    const key = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
    expect(parsePrivateKey(key, 'operator key').address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(() => parsePrivateKey('0x1234', 'operator key')).toThrowError(expect.objectContaining({ code: 'KEY_INVALID', message: expect.stringContaining('operator key') }));
  });
});
