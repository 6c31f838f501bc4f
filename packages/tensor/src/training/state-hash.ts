import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { float32Bytes } from './float32-bytes';
import type { TrainingState } from './training-state';

const TAG = utf8ToBytes('tensorgrid/state/v1');

function u32le(n: number): Uint8Array {
  return new Uint8Array([n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255]);
}

/**
 * An incremental SHA-256, e.g. `sha256.create` from @noble/hashes (the default, pure) or an
 * adapter over a native implementation. The solver hashes every state of its run, and the
 * pure-JS hash costs about as much as a fifth of a small model's step (see `npm run
 * bench:tensor`), so an agent may inject `node:crypto`'s; the bytes hashed are the same,
 * and the conformance vectors check the injected one gives the same digests.
 */
export type Sha256Factory = () => { update(bytes: Uint8Array): unknown; digest(): Uint8Array };

/**
 * A one-shot digest over an incremental SHA-256 (for Merkle trees hashed like the states).
 * @param factory - the SHA-256 factory
 */
export function digestWith(factory: Sha256Factory): (bytes: Uint8Array) => Uint8Array {
  return (bytes) => {
    const h = factory();
    h.update(bytes);
    return h.digest();
  };
}

/** What a state hash binds besides the state itself. */
export interface StateHashContext {
  jobId: string;
  /** The 32-byte spec hash ({@link trainingSpecHash}). */
  specHash: Uint8Array;
  /** Defaults to @noble/hashes' SHA-256. */
  sha256?: Sha256Factory;
}

/**
 * h_t = SHA-256("tensorgrid/state/v1" ‖ u32le |jobId| ‖ jobId (UTF-8) ‖ u32le t ‖ specHash
 * (32 bytes) ‖ u32le P ‖ params (P float32 LE) ‖ u32le S ‖ slot 0 … slot S−1 (each P
 * float32 LE)). Binding the job id means checkpoints of another job never match; binding
 * the spec hash means other hyper-parameters never match; t orders the leaves.
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
  const h = (ctx.sha256 ?? sha256.create)();
  h.update(header);
  h.update(float32Bytes(state.params));
  h.update(u32le(state.slots.length));
  for (const slot of state.slots) h.update(float32Bytes(slot));
  return bytesToHex(h.digest());
}
