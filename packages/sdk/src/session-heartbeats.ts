import { BaseError, PROTOCOL_VERSION, isErrorCode, type DeviceState, type ServerMessage } from '@tensorgrid/protocol';
import type { Session } from './open-session';

/** Parameters of {@link SessionHeartbeats.send}. */
export interface SendSessionHeartbeatParams {
  /** Strictly increasing per device (shared with HTTP heartbeats). */
  seq: number;
  uptimeS?: number;
  /** How long to wait for the ack, ms. @default 10000 */
  timeoutMs?: number;
}

/** Result of {@link SessionHeartbeats.send}: the heartbeat is committed. */
export interface SendSessionHeartbeatResult {
  seq: number;
  state: DeviceState;
}

/** Heartbeats over an authenticated session, matched to their acks by `seq`. */
export interface SessionHeartbeats {
  /** Feed every message of the session (its `onMessage`); true when it answered a heartbeat. */
  onMessage(message: ServerMessage): boolean;
  /**
   * Sends a heartbeat for the session's device and resolves once the coordinator committed it.
   * @throws {BaseError} the refusal (STALE_SEQUENCE with `data.lastSeq`, DEVICE_BLOCKED,
   * DEVICE_NOT_FOUND, UNAVAILABLE), TIMEOUT, or NETWORK_ERROR when the session closed first
   */
  send(session: Session, params: SendSessionHeartbeatParams): Promise<SendSessionHeartbeatResult>;
  /** Fails every heartbeat still waiting (call when the session closes). */
  failAll(): void;
}

interface Waiting {
  resolve(result: SendSessionHeartbeatResult): void;
  reject(error: BaseError): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Creates the heartbeat channel of one session: pass its `onMessage` to `openSession`.
 * @example
 * const beats = createSessionHeartbeats();
 * const session = await openSession(client, { onMessage: (m) => void beats.onMessage(m) });
 * await beats.send(session, { seq: 1 });
 */
export function createSessionHeartbeats(): SessionHeartbeats {
  const waiting = new Map<number, Waiting>();
  const take = (seq: number) => {
    const w = waiting.get(seq);
    if (w) {
      clearTimeout(w.timer);
      waiting.delete(seq);
    }
    return w;
  };
  return {
    onMessage(message) {
      if (message.type === 'heartbeat.ack') {
        take(message.seq)?.resolve({ seq: message.seq, state: message.state });
        return true;
      }
      if (message.type === 'heartbeat.refused') {
        const data = message.lastSeq === undefined ? {} : { lastSeq: message.lastSeq };
        take(message.seq)?.reject(new BaseError(isErrorCode(message.code) ? message.code : 'INTERNAL', message.message, { data }));
        return true;
      }
      return false;
    },
    send(session, params) {
      return new Promise((resolve, reject) => {
        if (waiting.has(params.seq)) return reject(new BaseError('VALIDATION_FAILED', `Heartbeat ${params.seq} is already waiting for its ack`));
        const timer = setTimeout(() => take(params.seq)?.reject(new BaseError('TIMEOUT', `No ack for heartbeat ${params.seq}`)), params.timeoutMs ?? 10_000);
        waiting.set(params.seq, { resolve, reject, timer });
        try {
          session.send({ type: 'heartbeat', v: PROTOCOL_VERSION, seq: params.seq, ...(params.uptimeS === undefined ? {} : { uptimeS: params.uptimeS }) });
        } catch (cause) {
          take(params.seq)?.reject(new BaseError('NETWORK_ERROR', 'The session cannot send', { cause }));
        }
      });
    },
    failAll() {
      for (const seq of [...waiting.keys()]) take(seq)?.reject(new BaseError('NETWORK_ERROR', 'The session closed before the ack'));
    },
  };
}
