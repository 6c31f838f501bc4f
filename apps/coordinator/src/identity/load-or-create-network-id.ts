import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BaseError, bytes32Schema } from '@tensorgrid/protocol';

/** The file, in the coordinator's data directory, that keeps its network id. */
export const NETWORK_ID_FILE = 'network-id';

/**
 * The id of the network this coordinator serves (every signature is bound to it): read from
 * the data directory, or made once and kept there (written atomically).
 * @param dataDir - the coordinator's data directory
 * @throws {BaseError} CONFIG_INVALID when the file exists but does not hold 32 hex bytes
 */
export function loadOrCreateNetworkId(dataDir: string): `0x${string}` {
  const file = join(dataDir, NETWORK_ID_FILE);
  try {
    const text = readFileSync(file, 'utf8').trim();
    if (!bytes32Schema.safeParse(text).success) throw new BaseError('CONFIG_INVALID', `${file} does not hold a 0x-prefixed 32-byte id`, { details: 'Restore it, or delete it to start a new network (every worker registers afresh).' });
    return text as `0x${string}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const id = `0x${randomBytes(32).toString('hex')}` as const;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(`${file}.tmp`, `${id}\n`);
  renameSync(`${file}.tmp`, file);
  return id;
}
