import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { access, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore, StoredBlob } from '@tensorgrid/domain';
import { BaseError } from '@tensorgrid/protocol';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * A {@link BlobStore} in a directory: each blob is the file `<dir>/<sha256>`. A put writes a
 * temporary file in the same directory, syncs it and renames it into place, so a crash
 * leaves either the whole blob or none (a stray `.tmp-*` file at worst, never under a hash).
 * @param dir - the directory (created when missing)
 */
export function createFileBlobStore(dir: string): BlobStore {
  mkdirSync(dir, { recursive: true });
  const pathOf = (sha256: string): string => {
    if (!SHA256_HEX.test(sha256)) throw new BaseError('VALIDATION_FAILED', 'A blob is named by 64 lowercase hex characters (its SHA-256)', { data: { sha256 } });
    return join(dir, sha256);
  };
  const hasBlob = async (sha256: string): Promise<boolean> => {
    try {
      await access(pathOf(sha256));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  };
  return {
    hasBlob,
    async putBlob(bytes: Uint8Array): Promise<StoredBlob> {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const stored = { sha256, size: bytes.length };
      if (await hasBlob(sha256)) return stored;
      const tmp = join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
      try {
        const file = await open(tmp, 'wx', 0o644);
        try {
          await file.writeFile(bytes);
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(tmp, pathOf(sha256));
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return stored;
    },
    async getBlob(sha256: string): Promise<Uint8Array | null> {
      try {
        return new Uint8Array(await readFile(pathOf(sha256)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  };
}
