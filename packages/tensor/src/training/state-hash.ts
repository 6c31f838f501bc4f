import { blake3 } from '@noble/hashes/blake3';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { sha256Short, type Sha256Digest } from '@tensorgrid/domain';
import { blake3Short } from './blake3-short';
import { float32Bytes } from './float32-bytes';
import type { TrainingState } from './training-state';

const TAG = utf8ToBytes('tensorgrid/state/v1');

function u32le(n: number): Uint8Array {
  return new Uint8Array([n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255]);
}

/**
 * The hash functions a job may name for its state hashes and their Merkle tree
 * (`spec.stateHash`; absent means SHA-256). BLAKE3 exists for the solver's commitment cost:
 * a state is hashed after every step, and natively BLAKE3 hashes a 77 KB state in about 60 %
 * of SHA-256's CPU (`npm run bench:verifier-cost` measures both on the same job).
 */
export const STATE_HASH_ALGORITHMS = ['sha256', 'blake3'] as const;
export type StateHashAlgorithm = (typeof STATE_HASH_ALGORITHMS)[number];

/**
 * An incremental hash, e.g. `sha256.create` from @noble/hashes (the default, pure) or an
 * adapter over a native implementation (node:crypto's SHA-256, a BLAKE3 addon). The solver
 * hashes every state of its run, and the pure-JS hashes cost as much as a fifth of a small
 * model's step or more (see `npm run bench:tensor`), so an agent injects native ones; the
 * bytes hashed are the same, and the conformance vectors check the injected ones give the
 * same digests.
 */
export type HashFactory = () => { update(bytes: Uint8Array): unknown; digest(): Uint8Array };

/** Native implementations an agent injects, by algorithm; a missing one falls back to @noble/hashes'. */
export type StateHashes = Partial<Record<StateHashAlgorithm, HashFactory>>;

const PURE: Record<StateHashAlgorithm, HashFactory> = { sha256: sha256.create, blake3: () => blake3.create() };

/**
 * The factory for an algorithm: the injected one, or @noble/hashes' pure one.
 * @param algorithm - the job's state hash
 * @param injected - native implementations, if any
 */
export function hashFactory(algorithm: StateHashAlgorithm, injected: StateHashes = {}): HashFactory {
  return injected[algorithm] ?? PURE[algorithm];
}

/**
 * The hash of a job's Merkle tree over its step hashes: the job's state hash, computed by the
 * pure {@link sha256Short} or {@link blake3Short} even where native hashes are injected. A tree
 * node is 33 or 65 bytes, where node:crypto's and the BLAKE3 addon's per-call setup costs more
 * than the hash itself (a 2,001-leaf tree, this repo's VM: addon 12–14 ms, blake3Short 1.8 ms).
 * Same digests either way.
 * @param algorithm - the job's state hash
 */
export function treeDigest(algorithm: StateHashAlgorithm): Sha256Digest {
  return algorithm === 'sha256' ? sha256Short : blake3Short;
}

/** What a state hash binds besides the state itself. */
export interface StateHashContext {
  jobId: string;
  /** The 32-byte spec hash ({@link trainingSpecHash}). */
  specHash: Uint8Array;
  /** The job's hash ({@link hashFactory}); defaults to @noble/hashes' SHA-256. */
  hash?: HashFactory;
}

/**
 * h_t = H("tensorgrid/state/v1" ‖ u32le |jobId| ‖ jobId (UTF-8) ‖ u32le t ‖ specHash
 * (32 bytes) ‖ u32le P ‖ params (P float32 LE) ‖ u32le S ‖ slot 0 … slot S−1 (each P
 * float32 LE)), H the job's state hash (SHA-256 unless the spec names BLAKE3). Binding the
 * job id means checkpoints of another job never match; binding the spec hash means other
 * hyper-parameters never match; t orders the leaves.
 * @param ctx - job id and spec hash
 * @param state - the state after t steps
 */
export function stateHash(ctx: StateHashContext, state: TrainingState): string {
  if (ctx.specHash.length !== 32) throw new RangeError('specHash must be 32 bytes');
  const id = utf8ToBytes(ctx.jobId);
  const header = new Uint8Array(TAG.length + 4 + id.length + 4 + 32 + 4);
  let at = 0;
  for (const part of [TAG, u32le(id.length), id, u32le(state.step), ctx.specHash, u32le(state.params.length)]) {
    header.set(part, at);
    at += part.length;
  }
  const h = (ctx.hash ?? sha256.create)();
  h.update(header);
  h.update(float32Bytes(state.params));
  h.update(u32le(state.slots.length));
  for (const slot of state.slots) h.update(float32Bytes(slot));
  return bytesToHex(h.digest());
}
