import { blake3 } from '@noble/hashes/blake3';
import { sha256 } from '@noble/hashes/sha2';
import { describe, expect, it } from 'vitest';
import { nativeBlake3, nativeHashes } from '../native/native-hashes';
import { checkConformance } from '../src/conformance/check-conformance';

const digest = (factory: (() => { update(b: Uint8Array): unknown; digest(): Uint8Array }) | undefined, chunks: Uint8Array[]): Uint8Array => {
  const h = factory!();
  for (const c of chunks) h.update(c);
  return new Uint8Array(h.digest());
};

describe('nativeHashes (what the agents inject)', () => {
  it('loads the BLAKE3 addon on this platform (linux x64 ships a binary)', () => {
    expect(nativeBlake3).toBe(true);
    expect(nativeHashes.blake3).toBeTypeOf('function');
  });

  it('gives @noble/hashes\' digests for a state-sized input fed in pieces, for both algorithms', () => {
    const state = new Uint8Array(77_000).map((_, i) => (i * 2654435761) >>> 24);
    const chunks = [state.subarray(0, 61), state.subarray(61, 38_696), state.subarray(38_696)];
    expect(digest(nativeHashes.sha256, chunks)).toEqual(sha256(state));
    expect(digest(nativeHashes.blake3, chunks)).toEqual(blake3(state));
    expect(digest(nativeHashes.blake3, [])).toEqual(blake3(new Uint8Array(0)));
  });

  it('keeps hashes in flight apart, grows past its buffer and refuses a second digest', () => {
    const big = new Uint8Array(200_000).map((_, i) => i % 251);
    const a = nativeHashes.blake3!();
    const b = nativeHashes.blake3!();
    a.update(big.subarray(0, 100));
    b.update(big);
    a.update(big.subarray(100, 300));
    expect(new Uint8Array(a.digest())).toEqual(blake3(big.subarray(0, 300)));
    expect(new Uint8Array(b.digest())).toEqual(blake3(big));
    expect(() => a.digest()).toThrow(/already digested/);
    expect(() => b.update(big)).toThrow(/already digested/);
    const c = nativeHashes.blake3!(); // reuses a returned buffer: no bytes of the last hash leak in
    c.update(big.subarray(5, 9));
    expect(new Uint8Array(c.digest())).toEqual(blake3(big.subarray(5, 9)));
  });

  it('passes every conformance vector, the BLAKE3 training run included', () => {
    expect(checkConformance({ hashes: nativeHashes })).toEqual({ passed: true, failures: [] });
  });
});
