import { createCipheriv, createHash, randomBytes, randomFillSync, randomInt } from 'node:crypto';
import { BaseError, NET_FRAME_HEADER_BYTES, NET_UPLOAD_CIPHER, PROTOCOL_VERSION, parseNetFrame, writeNetFrameHeader } from '@tensorgrid/protocol';
import type { WsSessionContext } from '../ws/ws-feature';

/** Why a transfer failed. */
export type TransferFailure = 'timeout' | 'closed' | 'wrong-hash' | 'wrong-frame' | 'wrong-payload';
/** How one transfer ended: its time on the coordinator's monotonic clock, or why it failed. */
export type TransferOutcome = { ok: true; elapsedMs: number } | { ok: false; why: TransferFailure };

/** The size of one transfer. */
export interface TransferSize {
  chunks: number;
  chunkBytes: number;
}

/** Download and upload transfers over device sessions, and the answers that end them. */
export interface NetworkTransfers {
  /** Sends `chunks` random frames; ends with the device's SHA-256 of each. */
  down(session: WsSessionContext, size: TransferSize): Promise<TransferOutcome>;
  /** Asks for `chunks` keystream frames; ends with the last one. */
  up(session: WsSessionContext, size: TransferSize): Promise<TransferOutcome>;
  /** A `net.probe.ack`. */
  onAck(session: WsSessionContext, ack: { id: string; sha256: readonly string[] }): void;
  /** A binary message; throws (and the gateway closes the session) when no transfer asked for it. */
  onBinary(session: WsSessionContext, data: Buffer): void;
  onClose(session: WsSessionContext): void;
}

interface Open {
  session: WsSessionContext;
  kind: 'down' | 'up';
  /** Ends the transfer: done, or failed for `why`. */
  settle(why?: TransferFailure): void;
  /** Down: the hashes of the frames picked for checking, by index; set before the last frame is sent. */
  expected?: Map<number, string>;
  /** Down: frames announced. */
  chunks?: number;
  /** Up: what is still awaited. */
  up?: { key: Buffer; next: number; size: TransferSize };
}

/** Download frames queued on a socket at most (in frames): enough to keep the pipe full, bounded in memory. */
const SEND_WINDOW = 8;
/** Bytes of each upload frame checked against the keystream, at a place the device cannot guess. */
const SPOT_BYTES = 4096;
/** Download frames whose hash is checked, besides the last, picked at random and kept secret. */
const CHECKED_FRAMES = 8;

/** `count` distinct indices below `n` (all of them when n ≤ count), and always the last. */
function pickFrames(n: number, count: number): Set<number> {
  const picked = new Set<number>([n - 1]);
  while (picked.size < Math.min(n, count + 1)) picked.add(randomInt(0, n));
  return picked;
}

/**
 * Keystream bytes [offset, offset + length) of the upload cipher under `key` (CTR mode: the
 * counter block of byte `offset` is offset / 16, so any window can be made without the rest).
 */
function keystreamAt(key: Buffer, window: { offset: number; length: number }): Buffer {
  const skip = window.offset % 16;
  const iv = Buffer.alloc(16);
  iv.writeBigUInt64BE(BigInt(Math.floor(window.offset / 16)), 8);
  return createCipheriv(NET_UPLOAD_CIPHER, key, iv).update(Buffer.alloc(skip + window.length)).subarray(skip);
}

/**
 * The transfers of the network measurement (see `packages/protocol/src/ws/network-messages.ts`).
 * Every transfer is timed from its announcement to its end on `monotonicNow`; the device's
 * own clock is never asked. Download frames are fresh random bytes, at most
 * {@link SEND_WINDOW} of them queued at once; the last one and {@link CHECKED_FRAMES} others
 * picked in secret are hashed, and the device's hashes of those must match. Upload frames
 * must come in order, of the asked size, carrying the keystream (checked on a window at a
 * random place of each). When an upload ends early (a failure, a timeout), the frames the
 * device still owes are dropped silently, and no more: any other binary message is refused.
 * @param deps - the monotonic clock (ms) and the timeout of one transfer
 */
export function createNetworkTransfers(deps: { monotonicNow: () => number; timeoutMs: number }): NetworkTransfers {
  const open = new Map<string, Open>();
  /** Per session, the upload that ended early and how many frames it may still send. */
  const owed = new Map<WsSessionContext, { id: string; frames: number }>();

  function start(session: WsSessionContext, entry: { id: string; kind: 'down' | 'up'; up?: Open['up']; chunks?: number }): { outcome: Promise<TransferOutcome>; transfer: Open } {
    const startedAt = deps.monotonicNow();
    let transfer!: Open;
    const outcome = new Promise<TransferOutcome>((resolve) => {
      const timer = setTimeout(() => transfer.settle('timeout'), deps.timeoutMs);
      timer.unref();
      transfer = {
        session,
        kind: entry.kind,
        ...(entry.up ? { up: entry.up } : {}),
        ...(entry.chunks ? { chunks: entry.chunks } : {}),
        settle(why) {
          if (open.get(entry.id) !== transfer) return;
          clearTimeout(timer);
          open.delete(entry.id);
          if (transfer.up && transfer.up.next < transfer.up.size.chunks) owed.set(session, { id: entry.id, frames: transfer.up.size.chunks - transfer.up.next });
          resolve(why ? { ok: false, why } : { ok: true, elapsedMs: deps.monotonicNow() - startedAt });
        },
      };
      open.set(entry.id, transfer);
    });
    return { outcome, transfer };
  }

  return {
    async down(session, size) {
      const id = randomBytes(16).toString('hex');
      const { outcome, transfer } = start(session, { id, kind: 'down', chunks: size.chunks });
      session.send({ type: 'net.probe', v: PROTOCOL_VERSION, id, ...size });
      const checked = pickFrames(size.chunks, CHECKED_FRAMES);
      const expected = new Map<number, string>();
      const queued: Promise<unknown>[] = [];
      // Frame i reuses the buffer of frame i - SEND_WINDOW, whose send has completed: no garbage per frame.
      const ring: Buffer[] = [];
      for (let index = 0; index < size.chunks && open.get(id) === transfer; index++) {
        const frame = (ring[index % SEND_WINDOW] ??= Buffer.allocUnsafe(NET_FRAME_HEADER_BYTES + size.chunkBytes));
        writeNetFrameHeader(randomFillSync(frame, NET_FRAME_HEADER_BYTES), { id, index });
        if (checked.has(index)) expected.set(index, createHash('sha256').update(frame.subarray(NET_FRAME_HEADER_BYTES)).digest('hex'));
        // Known before the last frame leaves, so an ack can never arrive before it.
        if (index === size.chunks - 1) transfer.expected = expected;
        // A send that fails means the socket closed; onClose settles the transfer.
        queued.push(session.sendBinary(frame).catch(() => undefined));
        if (queued.length >= SEND_WINDOW) await queued.shift();
      }
      return outcome;
    },

    up(session, size) {
      const id = randomBytes(16).toString('hex');
      const key = randomBytes(16);
      const { outcome } = start(session, { id, kind: 'up', up: { key, next: 0, size } });
      session.send({ type: 'net.upload', v: PROTOCOL_VERSION, id, key: key.toString('hex'), ...size });
      return outcome;
    },

    onAck(session, ack) {
      const transfer = open.get(ack.id);
      if (!transfer || transfer.session !== session || transfer.kind !== 'down') throw new BaseError('VALIDATION_FAILED', `No download ${ack.id} is waiting for this answer`);
      const { expected } = transfer;
      const right = expected !== undefined && ack.sha256.length === transfer.chunks && [...expected].every(([index, hash]) => ack.sha256[index] === hash);
      transfer.settle(right ? undefined : 'wrong-hash');
    },

    onBinary(session, data) {
      const frame = parseNetFrame(data);
      const transfer = frame && open.get(frame.id);
      if (frame && transfer?.up && transfer.session === session) {
        const { key, size } = transfer.up;
        if (frame.index !== transfer.up.next || frame.payload.byteLength !== size.chunkBytes) return transfer.settle('wrong-frame');
        const length = Math.min(SPOT_BYTES, size.chunkBytes);
        const at = randomInt(0, size.chunkBytes - length + 1);
        const expected = keystreamAt(key, { offset: frame.index * size.chunkBytes + at, length });
        if (!expected.equals(frame.payload.subarray(at, at + length))) return transfer.settle('wrong-payload');
        transfer.up.next++;
        if (transfer.up.next === size.chunks) transfer.settle();
        return;
      }
      const debt = owed.get(session);
      if (frame && debt?.id === frame.id && debt.frames > 0) {
        debt.frames--;
        return;
      }
      throw new BaseError('VALIDATION_FAILED', 'No upload on this session asked for this binary message');
    },

    onClose(session) {
      for (const transfer of open.values()) if (transfer.session === session) transfer.settle('closed');
      owed.delete(session);
    },
  };
}
