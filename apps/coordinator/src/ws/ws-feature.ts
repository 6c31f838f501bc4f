import type { ClientMessage, ServerMessage } from '@tensorgrid/protocol';

/** One open WebSocket session as features see it. */
export interface WsSessionContext {
  /** The device this session speaks for (after a signed hello), or null. */
  readonly deviceId: string | null;
  /** The peer's IP address as this coordinator sees it (IPv4-mapped IPv6 unwrapped), or null when unknown. */
  readonly remoteAddress: string | null;
  send(message: ServerMessage): void;
  /** Sends one binary message; resolves once it is handed to the OS, so a sender can keep a bounded amount queued. */
  sendBinary(data: Uint8Array): Promise<void>;
  /** Unsent bytes queued on the socket. */
  readonly bufferedAmount: number;
  /** Drops the connection at once. */
  terminate(): void;
}

/** Handles one client message type. */
export type WsHandler<T extends ClientMessage['type']> = (session: WsSessionContext, message: Extract<ClientMessage, { type: T }>) => Promise<void> | void;

/**
 * A feature of the WebSocket gateway: handlers for the client message types it owns
 * (`hello` and `pong` belong to the gateway), and clean-up when a session closes. Each
 * feature lives in its own file and is listed by the composition root.
 */
export interface WsFeature {
  handlers: { [T in Exclude<ClientMessage['type'], 'hello' | 'pong'>]?: WsHandler<T> };
  onClose?(session: WsSessionContext): void;
  /** Called once a session's signed hello is accepted (it now speaks for `session.deviceId`). */
  onAuthenticated?(session: WsSessionContext): void;
  /**
   * Binary messages of authenticated sessions; one feature at most takes them. Throwing
   * refuses the message and the gateway closes the session, so a device cannot keep pushing
   * bytes nobody asked for (each message is at most the server's `maxPayload`).
   */
  onBinary?(session: WsSessionContext, data: Buffer): void;
}
