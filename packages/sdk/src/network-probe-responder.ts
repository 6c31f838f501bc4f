import { createCipheriv, createHash } from 'node:crypto';
import { NET_FRAME_HEADER_BYTES, NET_UPLOAD_CIPHER, PROTOCOL_VERSION, parseNetFrame, writeNetFrameHeader, type ClientMessage, type ServerMessage } from '@tensorgrid/protocol';

/** How the responder talks back over its session. */
export interface NetworkProbeLink {
  sendJson(message: ClientMessage): void;
  /** Sends one binary message; resolves once it is handed to the OS, rejects when the socket is gone. */
  sendBinary(data: Uint8Array): Promise<void>;
  /** Simulated devices only: how long to hold an answer to emulate a slower link (see `openSession`). */
  delayMs?: (message: ServerMessage) => number;
}

/** The device's side of the network measurement on one session. */
export interface NetworkProbeResponder {
  /** Takes `net.probe` and `net.upload`; false for any other message. */
  onMessage(message: ServerMessage): boolean;
  /** A binary message from the coordinator: a download's frame (anything else is ignored). */
  onBinary(data: Uint8Array): void;
}

/** Upload frames queued on the socket at most: enough to keep the pipe full, bounded in memory. */
const SEND_WINDOW = 8;

/**
 * Answers the coordinator's network measurement (see `packages/protocol/src/ws/network-messages.ts`):
 * after `net.probe`, hashes each of the download's binary frames as it comes (in order, of
 * the announced size; only the hashes are kept) and answers `net.probe.ack` with them once the
 * last one is in; on `net.upload`, streams the asked frames of keystream under the coordinator's
 * key at once, at most {@link SEND_WINDOW} queued. Answers go out as soon as they can: any
 * delay counts against the device.
 * @param link - the session's senders (and a simulated link's delay)
 */
export function createNetworkProbeResponder(link: NetworkProbeLink): NetworkProbeResponder {
  let download: { message: Extract<ServerMessage, { type: 'net.probe' }>; hashes: string[] } | undefined;
  const hold = (message: ServerMessage, fn: () => void) => {
    const ms = link.delayMs?.(message) ?? 0;
    if (ms > 0) setTimeout(fn, ms).unref();
    else fn();
  };

  async function upload(message: Extract<ServerMessage, { type: 'net.upload' }>): Promise<void> {
    const cipher = createCipheriv(NET_UPLOAD_CIPHER, Buffer.from(message.key, 'hex'), Buffer.alloc(16));
    const zeros = Buffer.alloc(message.chunkBytes);
    const queued: Promise<void>[] = [];
    for (let index = 0; index < message.chunks; index++) {
      const frame = Buffer.allocUnsafe(NET_FRAME_HEADER_BYTES + message.chunkBytes);
      writeNetFrameHeader(frame, { id: message.id, index });
      cipher.update(zeros).copy(frame, NET_FRAME_HEADER_BYTES);
      queued.push(link.sendBinary(frame));
      if (queued.length >= SEND_WINDOW) await queued.shift();
    }
    await Promise.all(queued);
  }

  return {
    onMessage(message) {
      if (message.type === 'net.probe') {
        download = { message, hashes: [] };
        return true;
      }
      if (message.type === 'net.upload') {
        // A closed socket ends the upload; the coordinator times it out.
        hold(message, () => void upload(message).catch(() => undefined));
        return true;
      }
      return false;
    },
    onBinary(data) {
      const frame = parseNetFrame(data);
      if (!download || !frame || frame.id !== download.message.id) return;
      const { message, hashes } = download;
      if (frame.index !== hashes.length || frame.payload.byteLength !== message.chunkBytes) {
        // Not what was announced: no answer, the coordinator times the download out.
        download = undefined;
        return;
      }
      hashes.push(createHash('sha256').update(frame.payload).digest('hex'));
      if (hashes.length < message.chunks) return;
      download = undefined;
      hold(message, () => link.sendJson({ type: 'net.probe.ack', v: PROTOCOL_VERSION, id: message.id, sha256: hashes }));
    },
  };
}
