import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BaseError } from '@tensorgrid/protocol';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { PRIVATE_KEY_PATTERN } from './parse-private-key';

/** The file, inside a worker's data directory, that holds its private key. */
export const WORKER_KEY_FILE = 'worker.key';

/** A worker's identity: its key and whether it was made just now. */
export interface WorkerIdentity {
  account: PrivateKeyAccount;
  keyFile: string;
  created: boolean;
}

/**
 * Loads the worker's key from its data directory, or generates one and keeps it there
 * (file mode 0600, written atomically). A key readable by group or others is refused.
 * @param dataDir - the worker's data directory
 * @throws {BaseError} KEY_INVALID when the file is malformed or its permissions are unsafe
 */
export function loadOrCreateWorkerKey(dataDir: string): WorkerIdentity {
  const keyFile = join(dataDir, WORKER_KEY_FILE);
  const existing = readKeyFile(keyFile);
  if (existing) return { account: privateKeyToAccount(existing), keyFile, created: false };

  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = `0x${randomBytes(32).toString('hex')}` as const;
  const temp = `${keyFile}.${process.pid}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${key}\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, keyFile);
  return { account: privateKeyToAccount(key), keyFile, created: true };
}

function readKeyFile(keyFile: string): `0x${string}` | undefined {
  let mode: number;
  try {
    mode = statSync(keyFile).mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BaseError('KEY_INVALID', `Cannot read worker key ${keyFile}`, { cause: err });
  }
  if ((mode & 0o077) !== 0) {
    throw new BaseError('KEY_INVALID', `Worker key ${keyFile} is readable by other users (mode ${(mode & 0o777).toString(8)})`, {
      details: `Restrict it with: chmod 600 ${keyFile}`,
    });
  }
  const text = readFileSync(keyFile, 'utf8').trim();
  if (!PRIVATE_KEY_PATTERN.test(text)) {
    throw new BaseError('KEY_INVALID', `Worker key ${keyFile} is not a 0x-prefixed 32-byte hex private key`, {
      details: 'Restore the file from a backup, or move it away to let the worker generate a new identity.',
    });
  }
  return text as `0x${string}`;
}
