/**
 * The BlobStore port's conformance suite, run against every adapter (the file store; the
 * coordinator keeps datasets and job specs in it).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlobStore } from '@tensorgrid/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileBlobStore } from '../src/jobs/file-blob-store';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-blob-conf-'));
  dirs.push(dir);
  return join(dir, 'nested', 'blobs');
};
const ADAPTERS: [string, () => { store: BlobStore; dir: string }][] = [
  ['file', () => {
    const dir = freshDir();
    return { store: createFileBlobStore(dir), dir };
  }],
];
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.each(ADAPTERS)('BlobStore conformance: %s', (_name, make) => {
  it('stores bytes under their SHA-256 and gives them back', async () => {
    const { store } = make();
    const bytes = new TextEncoder().encode('5.1,3.5,0\n');
    expect(await store.putBlob(bytes)).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(await store.getBlob(sha(bytes))).toEqual(bytes);
    expect(await store.hasBlob(sha(bytes))).toBe(true);
  });

  it('is idempotent, also under concurrent puts of the same bytes', async () => {
    const { store } = make();
    const bytes = new Uint8Array(100_000).map((_, i) => i % 251);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.putBlob(bytes)));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(await store.getBlob(sha(bytes))).toEqual(bytes);
  });

  it('answers null for a blob it does not hold, and refuses a name that is not a SHA-256', async () => {
    const { store } = make();
    expect(await store.getBlob('0'.repeat(64))).toBeNull();
    expect(await store.hasBlob('0'.repeat(64))).toBe(false);
    await expect(store.getBlob('../etc/passwd')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(store.getBlob('A'.repeat(64))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('keeps an empty blob apart from a missing one', async () => {
    const { store } = make();
    const empty = new Uint8Array(0);
    await store.putBlob(empty);
    expect(await store.getBlob(sha(empty))).toEqual(empty);
  });
});

describe('file blob store', () => {
  it('leaves only whole blobs named by their hash; a stray temporary file (a crash mid-write) is never served', async () => {
    const dir = freshDir();
    const store = createFileBlobStore(dir);
    const bytes = new TextEncoder().encode('whole');
    await store.putBlob(bytes);
    writeFileSync(join(dir, '.tmp-deadbeef'), 'half');
    expect(readdirSync(dir).filter((f) => !f.startsWith('.tmp-'))).toEqual([sha(bytes)]);
    const reopened = createFileBlobStore(dir);
    expect(await reopened.getBlob(sha(bytes))).toEqual(bytes);
    expect(await reopened.hasBlob(sha(new TextEncoder().encode('half')))).toBe(false);
  });
});
