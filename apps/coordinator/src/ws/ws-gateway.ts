import { BaseError, PROTOCOL_VERSION, WS_SIGNED_METHOD, clientMessageSchema, isBaseError, safeJson, type ServerMessage } from '@tensorgrid/protocol';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { RequestVerifier } from '../auth/request-verifier';
import type { DeviceEvents } from '../registry/device-events';
import type { RegistryService } from '../registry/registry-service';
import { toDeviceView } from '../registry/to-device-view';

interface SessionState {
  deviceId: string | null;
  /** Last sign of life: connection, or the last pong. */
  lastSeenAt: number;
  unsubscribe: (() => void) | null;
}

/** Options of the WebSocket gateway. */
export interface WsGatewayOptions {
  /** How often every session is pinged, in milliseconds; one silent for two periods is closed. */
  pingIntervalMs: number;
  /** Close a subscriber whose unsent backlog exceeds this many bytes. @default 1 MiB */
  maxBacklogBytes?: number;
}

/**
 * `/v1/ws`: device sessions (signed hello) and device-event subscriptions. Every session is
 * pinged and must answer with `pong`; a session silent for two ping periods is closed, as is
 * a subscriber that cannot keep up. Every incoming message is validated against the
 * protocol's tagged union.
 * @param app - a Fastify instance with @fastify/websocket registered
 * @param deps - verifier, registry, events, logger and a clock
 * @param options - ping period and backlog limit
 * @returns `stop` (the ping timer) and `sessionCount` (open sessions)
 */
export function registerWsGateway(
  app: FastifyInstance,
  deps: { verifier: RequestVerifier; registry: RegistryService; events: DeviceEvents; log: FastifyBaseLogger; now: () => number },
  options: WsGatewayOptions,
): { stop: () => void; sessionCount: () => number } {
  const sessions = new Map<WebSocket, SessionState>();
  const maxBacklog = options.maxBacklogBytes ?? 1 << 20;
  let pingCounter = 0;
  const send = (socket: WebSocket, message: ServerMessage) => socket.send(JSON.stringify(message));
  const sendError = (socket: WebSocket, err: BaseError) => send(socket, { type: 'error', v: PROTOCOL_VERSION, code: err.code, message: err.shortMessage });

  const timer = setInterval(() => {
    const id = String(++pingCounter);
    const silentSince = deps.now() - 2 * options.pingIntervalMs;
    for (const [socket, state] of sessions) {
      if (state.lastSeenAt < silentSince) socket.terminate();
      else send(socket, { type: 'ping', v: PROTOCOL_VERSION, id });
    }
  }, options.pingIntervalMs);
  timer.unref();

  app.route({
    method: 'GET',
    url: '/v1/ws',
    handler: async () => {
      throw new BaseError('VALIDATION_FAILED', '/v1/ws speaks WebSocket only', { details: 'Connect with a WebSocket client (the SDK: openSession).' });
    },
    wsHandler: (socket) => {
      const state: SessionState = { deviceId: null, lastSeenAt: deps.now(), unsubscribe: null };
      sessions.set(socket, state);
      socket.on('close', () => {
        state.unsubscribe?.();
        sessions.delete(socket);
      });
      socket.on('message', (raw) => {
        void handle(socket, state, raw.toString()).catch((err: unknown) => {
          if (!isBaseError(err)) deps.log.error({ err }, 'ws message failed');
          sendError(socket, isBaseError(err) ? err : new BaseError('INTERNAL', 'Internal error'));
        });
      });
    },
  });

  async function handle(socket: WebSocket, state: SessionState, text: string): Promise<void> {
    const parsed = clientMessageSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new BaseError('VALIDATION_FAILED', `Invalid message: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')}`);
    const message = parsed.data;
    switch (message.type) {
      case 'hello': {
        if (state.deviceId) throw new BaseError('VALIDATION_FAILED', 'This session already said hello');
        const signer = await deps.verifier.verify({
          method: WS_SIGNED_METHOD, path: '/v1/ws', rawBody: '',
          signer: message.signer, timestamp: message.timestamp, nonce: message.nonce, signature: message.signature,
        });
        const device = await deps.registry.get(signer);
        if (device.state === 'blocked') throw new BaseError('DEVICE_BLOCKED', `Device ${signer} is blocked`);
        for (const [other, otherState] of sessions) if (other !== socket && otherState.deviceId === signer) other.close(4000, 'replaced by a newer session');
        state.deviceId = signer;
        send(socket, { type: 'welcome', v: PROTOCOL_VERSION, deviceId: signer });
        return;
      }
      case 'pong':
        state.lastSeenAt = deps.now();
        return;
      case 'subscribe':
        state.unsubscribe ??= deps.events.subscribe((device) => {
          if (socket.bufferedAmount > maxBacklog) return socket.terminate();
          send(socket, { type: 'device.updated', v: PROTOCOL_VERSION, device: toDeviceView(device) });
        });
        send(socket, { type: 'subscribed', v: PROTOCOL_VERSION, topic: 'devices' });
        return;
    }
  }

  return { stop: () => clearInterval(timer), sessionCount: () => sessions.size };
}
