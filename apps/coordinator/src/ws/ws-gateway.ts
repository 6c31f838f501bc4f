import { BaseError, PROTOCOL_VERSION, WS_SIGNED_METHOD, clientMessageSchema, isBaseError, type ServerMessage } from '@tensorgrid/protocol';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { RequestVerifier } from '../auth/request-verifier';
import type { DeviceEvents } from '../registry/device-events';
import type { RegistryService } from '../registry/registry-service';
import { toDeviceView } from '../registry/to-device-view';

interface SessionState {
  deviceId: string | null;
  unsubscribe: (() => void) | null;
}

/** Options of the WebSocket gateway. */
export interface WsGatewayOptions {
  /** How often authenticated sessions are pinged, in milliseconds. */
  pingIntervalMs: number;
}

/**
 * `/v1/ws`: device sessions (signed hello, then ping/pong) and device-event subscriptions.
 * Every incoming message is validated against the protocol's tagged union.
 * @param app - a Fastify instance with @fastify/websocket registered
 * @param deps - verifier, registry, events, logger and options
 * @returns a function that stops the ping timer
 */
export function registerWsGateway(
  app: FastifyInstance,
  deps: { verifier: RequestVerifier; registry: RegistryService; events: DeviceEvents; log: FastifyBaseLogger },
  options: WsGatewayOptions,
): () => void {
  const sessions = new Map<WebSocket, SessionState>();
  let pingCounter = 0;
  const send = (socket: WebSocket, message: ServerMessage) => socket.send(JSON.stringify(message));
  const sendError = (socket: WebSocket, err: BaseError) => send(socket, { type: 'error', v: PROTOCOL_VERSION, code: err.code, message: err.shortMessage });

  const timer = setInterval(() => {
    const id = String(++pingCounter);
    for (const [socket, state] of sessions) if (state.deviceId) send(socket, { type: 'ping', v: PROTOCOL_VERSION, id });
  }, options.pingIntervalMs);
  timer.unref();

  app.get('/v1/ws', { websocket: true }, (socket) => {
    const state: SessionState = { deviceId: null, unsubscribe: null };
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
  });

  async function handle(socket: WebSocket, state: SessionState, text: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new BaseError('VALIDATION_FAILED', 'Message is not JSON');
    }
    const parsed = clientMessageSchema.safeParse(json);
    if (!parsed.success) throw new BaseError('VALIDATION_FAILED', `Invalid message: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
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
        // Liveness scoring from pongs comes with the liveness work; the pong itself is valid.
        return;
      case 'subscribe':
        state.unsubscribe ??= deps.events.subscribe((device) => send(socket, { type: 'device.updated', v: PROTOCOL_VERSION, device: toDeviceView(device) }));
        return;
    }
  }

  return () => clearInterval(timer);
}
