import { BaseError, PROTOCOL_VERSION, WS_SIGNED_METHOD, isErrorCode, safeJson, serverMessageSchema, type ClientMessage, type ServerMessage } from '@tensorgrid/protocol';
import WebSocket from 'ws';
import type { CoordinatorClient } from './client';
import { createNetworkProbeResponder } from './network-probe-responder';
import { signRequest } from './sign-request';

/** An open WebSocket session with the coordinator. */
export interface Session {
  /** The device the session speaks for, or null for an anonymous (subscribe-only) session. */
  readonly deviceId: string | null;
  /** Sends a message. */
  send(message: ClientMessage): void;
  /** Closes the socket and waits for it to close. */
  close(): Promise<void>;
  /** Resolves when the socket closes, for whatever reason. */
  readonly closed: Promise<void>;
}

/** Options of {@link openSession}. */
export interface OpenSessionOptions {
  /** Authenticate as the client's account (a registered device). @default true when the client has an account */
  authenticate?: boolean;
  /** Called for every message except `ping`, `net.probe` and `net.upload`, which the session answers itself. */
  onMessage?: (message: ServerMessage) => void;
  /** How long to wait for the socket and for `welcome`, in milliseconds. @default 10000 */
  timeoutMs?: number;
  /**
   * Only for simulated devices (the devnet's fleet): how long to hold the session's own
   * answers (pongs, a download's ack, the start of an upload) to emulate a slower link. Real
   * agents answer at once.
   */
  simulatedAnswerDelayMs?: (message: ServerMessage) => number;
}

/**
 * Opens `/v1/ws`. An authenticated session sends a signed `hello` and waits for `welcome`;
 * every session answers the coordinator's pings, and an authenticated one its network
 * measurements (`net.probe`, `net.upload` and their binary frames; see
 * `createNetworkProbeResponder`), by itself. On any failure the socket is
 * closed before the error is thrown.
 * @param client - a coordinator client (with an account, to authenticate)
 * @param options - authentication and a message handler
 * @throws {BaseError} the coordinator's refusal (e.g. SIGNATURE_INVALID, DEVICE_NOT_FOUND), NETWORK_ERROR or TIMEOUT
 */
export async function openSession(client: CoordinatorClient, options: OpenSessionOptions = {}): Promise<Session> {
  const authenticate = options.authenticate ?? client.account !== undefined;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let hello: ClientMessage | undefined;
  if (authenticate) {
    if (!client.account) throw new BaseError('UNAUTHENTICATED', 'An authenticated session needs a client with an account');
    const headers = await signRequest(client.account, { method: WS_SIGNED_METHOD, path: '/v1/ws', body: '', domain: await client.signingDomain() });
    hello = {
      type: 'hello',
      v: PROTOCOL_VERSION,
      signer: client.account.address,
      timestamp: Number(headers['x-tg-timestamp']),
      nonce: headers['x-tg-nonce'] as `0x${string}`,
      signature: headers['x-tg-signature'] as `0x${string}`,
    };
  }

  const wsUrl = `${client.url.replace(/^http/, 'ws')}/v1/ws`;
  const socket = new WebSocket(wsUrl, { maxPayload: 1 << 20, handshakeTimeout: timeoutMs });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const send = (message: ClientMessage) => socket.send(JSON.stringify(message));
  let deviceId: string | null = null;
  const delayMs = options.simulatedAnswerDelayMs;
  const network = createNetworkProbeResponder({
    sendJson: send,
    sendBinary: (data) => new Promise((resolve, reject) => socket.send(data, { binary: true }, (err) => (err ? reject(err) : resolve()))),
    ...(delayMs ? { delayMs } : {}),
  });

  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', (cause) => reject(new BaseError('NETWORK_ERROR', `Cannot open ${wsUrl}`, { cause })));
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BaseError('TIMEOUT', 'The coordinator did not answer hello')), timeoutMs);
      timer.unref();
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      socket.on('message', (raw, isBinary) => {
        // The only binary messages are a network measurement's download frames.
        if (isBinary) return deviceId === null ? undefined : network.onBinary(asBytes(raw));
        const parsed = serverMessageSchema.safeParse(safeJson(raw.toString()));
        if (!parsed.success) return;
        const message = parsed.data;
        // Network measurements and pings are answered at once: any delay would count against the device.
        if (deviceId !== null && network.onMessage(message)) return;
        if (message.type === 'ping') {
          const pong = { type: 'pong', v: PROTOCOL_VERSION, id: message.id } as const;
          const ms = delayMs?.(message) ?? 0;
          if (ms > 0) setTimeout(() => socket.readyState === WebSocket.OPEN && send(pong), ms).unref();
          else send(pong);
          return;
        }
        if (message.type === 'welcome') {
          deviceId = message.deviceId;
          settle(resolve);
        } else if (message.type === 'error' && hello && deviceId === null) {
          settle(() => reject(new BaseError(isErrorCode(message.code) ? message.code : 'INTERNAL', message.message)));
        }
        options.onMessage?.(message);
      });
      socket.once('close', () => settle(() => reject(new BaseError('NETWORK_ERROR', 'The coordinator closed the session'))));
      if (hello) send(hello);
      else settle(resolve);
    });
  } catch (err) {
    socket.terminate();
    throw err;
  }

  return {
    get deviceId() {
      return deviceId;
    },
    send,
    closed,
    async close() {
      if (socket.readyState !== WebSocket.CLOSED) socket.close();
      await closed;
    },
  };
}

const asBytes = (raw: WebSocket.RawData): Uint8Array => (Array.isArray(raw) ? Buffer.concat(raw) : raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw);
