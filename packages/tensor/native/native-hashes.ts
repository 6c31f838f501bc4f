/**
 * `@tensorgrid/tensor/native`: the Node.js implementations of the state hashes that the
 * agents inject into their trainers (the package's src/ stays pure and falls back to
 * @noble/hashes). Same digests, several times faster on large states; the conformance
 * vectors check both against the pure ones at every node's start.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { HashFactory, StateHashes } from '../src/index';

type Blake3Addon = { blake3(input: Uint8Array): Uint8Array };

/**
 * BLAKE3 over the addon's one-shot call. The addon's incremental hasher pays a native call
 * per update and hashes split inputs slower: feeding a state's four parts to it took 38 µs
 * (77 KB), copying them into one buffer and hashing that once 22.5 µs, node:crypto's SHA-256
 * 51 µs. Each hasher in flight holds its own buffer; a digested one returns it for reuse.
 */
function bufferedBlake3(addon: Blake3Addon): HashFactory {
  const free: Uint8Array[] = [];
  return () => {
    let buf: Uint8Array | undefined = free.pop() ?? new Uint8Array(1 << 16);
    let len = 0;
    const live = (): Uint8Array => {
      if (!buf) throw new Error('This BLAKE3 hash was already digested');
      return buf;
    };
    return {
      update(bytes: Uint8Array) {
        let b = live();
        if (len + bytes.length > b.length) {
          b = new Uint8Array(Math.max(2 * b.length, len + bytes.length));
          b.set(buf!.subarray(0, len));
          buf = b;
        }
        b.set(bytes, len);
        len += bytes.length;
      },
      digest() {
        const b = live();
        buf = undefined;
        const out = addon.blake3(b.subarray(0, len));
        if (free.length < 4) free.push(b);
        return out;
      },
    };
  };
}

/** The BLAKE3 addon (SIMD), or undefined on a platform it ships no binary for: the pure hash then serves, slower. */
function loadBlake3(): HashFactory | undefined {
  try {
    return bufferedBlake3(createRequire(import.meta.url)('@napi-rs/blake-hash') as Blake3Addon);
  } catch {
    return undefined;
  }
}

const blake3 = loadBlake3();

/** node:crypto's SHA-256 (the CPU's SHA extensions) and the BLAKE3 addon where it loads. */
export const nativeHashes: StateHashes = { sha256: () => createHash('sha256'), ...(blake3 ? { blake3 } : {}) };

/** Whether BLAKE3 state hashes run natively here (`tgrid worker check` reports it). */
export const nativeBlake3 = blake3 !== undefined;
