import { createHash, randomBytes } from 'node:crypto';
import { PROTOCOL_VERSION, type ClientMessage, type ServerMessage } from '@tensorgrid/protocol';

/**
 * The device's answer to a network measurement request, or undefined for any other message:
 * `net.probe` → `net.probe.ack` with the SHA-256 of the received bytes; `net.upload` →
 * `net.data` with the asked number of fresh random bytes and SHA-256(nonce ‖ bytes).
 * @param message - a message from the coordinator
 */
export function answerNetworkProbe(message: ServerMessage): ClientMessage | undefined {
  if (message.type === 'net.probe') {
    const sha256 = createHash('sha256').update(Buffer.from(message.payload, 'base64')).digest('hex');
    return { type: 'net.probe.ack', v: PROTOCOL_VERSION, id: message.id, sha256 };
  }
  if (message.type === 'net.upload') {
    const payload = randomBytes(message.bytes);
    const sha256 = createHash('sha256').update(Buffer.from(message.nonce.slice(2), 'hex')).update(payload).digest('hex');
    return { type: 'net.data', v: PROTOCOL_VERSION, id: message.id, payload: payload.toString('base64'), sha256 };
  }
  return undefined;
}
