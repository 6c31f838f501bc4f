import { BaseError, PROTOCOL_VERSION, WS_SIGNED_METHOD, clientMessageSchema, isBaseError, safeJson, type ClientMessage, type ServerMessage } from '@tensorgrid/protocol';
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { RequestVerifier } from '../auth/request-verifier';
import type { RegistryService } from '../registry/registry-service';
import type { WsFeature, WsSessionContext } from './ws-feature';

type AnyHandler = (session: WsSessionContext, message: ClientMessage) => Promise<void> | void;

interface Session extends WsSessionContext {
  deviceId: string | null;
  /** Last sign of life: connection, or the last pong. */
  lastSeenAt: number;
  close(code: number, reason: string): void;
}

/** Options of the WebSocket gateway. */
export interface WsGatewayOptions {
  /** How often every session is pinged, in milliseconds; one silent for two periods is closed. */
  pingIntervalMs: number;
}

/** The running gateway. */
export interface WsGateway {
  stop(): void;
  /** Open sessions. */
  sessionCount(): number;
  /** Sends to the device's authenticated session; false when it has none open. */
  sendTo(deviceId: string, message: ServerMessage): boolean;
  /** Whether the device has an authenticated session open here. */
  hasSession(deviceId: string): boolean;
}

/**
 * `/v1/ws`: device sessions (signed hello) and the features' messages. Every session is
 * pinged and must answer with `pong`; a session silent for two ping periods is closed. Every
 * incoming text message is validated against the protocol's tagged union, then handed to the
 * feature that owns its type; a binary message goes to the one feature that takes them (the
 * network measurement), and one on an anonymous session, or one that feature refuses, closes
 * the session. A device's newer session replaces its older one.
 * @param app - a Fastify instance with @fastify/websocket registered
 * Ping ids are unpredictable and the send time of each is kept (monotonic clock), so a pong
 * gives the device's round-trip time to `onRtt`; a device cannot answer before it was pinged.
 * @param deps - verifier, registry, features, logger, a clock and the RTT sink
 * @param options - ping period
 */
export function registerWsGateway(
  app: FastifyInstance,
  deps: { verifier: RequestVerifier; registry: RegistryService; features: WsFeature[]; log: FastifyBaseLogger; now: () => number; onRtt?: (deviceId: string, rttMs: number) => void },
  options: WsGatewayOptions,
): WsGateway {
  const sessions = new Set<Session>();
  const byDevice = new Map<string, Session>();
  const handlers = new Map<string, AnyHandler>();
  for (const feature of deps.features) {
    for (const [type, handler] of Object.entries(feature.handlers)) {
      if (handlers.has(type)) throw new Error(`Two WebSocket features handle '${type}'`);
      handlers.set(type, handler as unknown as AnyHandler);
    }
  }
  const binaryOwners = deps.features.filter((f) => f.onBinary);
  if (binaryOwners.length > 1) throw new Error('Two WebSocket features take binary messages');
  const onBinary = binaryOwners[0]?.onBinary;
  let pingCounter = 0;
  /** Monotonic send time of recent pings, by id (the last two periods). */
  const pingSentAt = new Map<string, number>();

  const timer = setInterval(() => {
    const id = `${++pingCounter}-${randomBytes(8).toString('hex')}`;
    pingSentAt.set(id, performance.now());
    if (pingSentAt.size > 2) pingSentAt.delete(pingSentAt.keys().next().value as string);
    const silentSince = deps.now() - 2 * options.pingIntervalMs;
    for (const session of sessions) {
      if (session.lastSeenAt < silentSince) session.terminate();
      else session.send({ type: 'ping', v: PROTOCOL_VERSION, id });
    }
  }, options.pingIntervalMs);
  timer.unref();

  app.route({
    method: 'GET',
    url: '/v1/ws',
    handler: async () => {
      throw new BaseError('VALIDATION_FAILED', '/v1/ws speaks WebSocket only', { details: 'Connect with a WebSocket client (the SDK: openSession).' });
    },
    wsHandler: (socket, request) => {
      const session = openSession(socket, request.socket.remoteAddress?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') ?? null);
      socket.on('close', () => {
        sessions.delete(session);
        if (session.deviceId && byDevice.get(session.deviceId) === session) byDevice.delete(session.deviceId);
        for (const feature of deps.features) feature.onClose?.(session);
      });
      const refuse = (err: unknown) => {
        if (!isBaseError(err)) deps.log.error({ err }, 'ws message failed');
        const refused = isBaseError(err) ? err : new BaseError('INTERNAL', 'Internal error');
        session.send({ type: 'error', v: PROTOCOL_VERSION, code: refused.code, message: refused.shortMessage });
      };
      socket.on('message', (raw, isBinary) => {
        if (!isBinary) return void handle(session, raw.toString()).catch(refuse);
        try {
          if (!session.deviceId || !onBinary) throw new BaseError('VALIDATION_FAILED', 'This session was sent no request that a binary message answers');
          onBinary(session, asBuffer(raw));
        } catch (err) {
          refuse(err);
          session.close(1008, 'unexpected binary message');
        }
      });
    },
  });

  function openSession(socket: WebSocket, remoteAddress: string | null): Session {
    const session: Session = {
      deviceId: null,
      remoteAddress,
      lastSeenAt: deps.now(),
      send: (message) => socket.send(JSON.stringify(message)),
      sendBinary: (data) => new Promise((resolve, reject) => socket.send(data, { binary: true }, (err) => (err ? reject(err) : resolve()))),
      get bufferedAmount() {
        return socket.bufferedAmount;
      },
      terminate: () => socket.terminate(),
      close: (code, reason) => socket.close(code, reason),
    };
    sessions.add(session);
    return session;
  }

  async function hello(session: Session, message: Extract<ClientMessage, { type: 'hello' }>): Promise<void> {
    if (session.deviceId) throw new BaseError('VALIDATION_FAILED', 'This session already said hello');
    const signer = await deps.verifier.verify({
      method: WS_SIGNED_METHOD, path: '/v1/ws', rawBody: '',
      signer: message.signer, timestamp: message.timestamp, nonce: message.nonce, signature: message.signature,
    });
    const device = await deps.registry.get(signer);
    if (device.state === 'blocked') throw new BaseError('DEVICE_BLOCKED', `Device ${signer} is blocked`);
    byDevice.get(signer)?.close(4000, 'replaced by a newer session');
    session.deviceId = signer;
    byDevice.set(signer, session);
    session.send({ type: 'welcome', v: PROTOCOL_VERSION, deviceId: signer });
    for (const feature of deps.features) feature.onAuthenticated?.(session);
  }

  async function handle(session: Session, text: string): Promise<void> {
    const parsed = clientMessageSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new BaseError('VALIDATION_FAILED', `Invalid message: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')}`);
    const message = parsed.data;
    if (message.type === 'hello') return hello(session, message);
    if (message.type === 'pong') {
      session.lastSeenAt = deps.now();
      const sentAt = pingSentAt.get(message.id);
      if (sentAt !== undefined && session.deviceId) deps.onRtt?.(session.deviceId, performance.now() - sentAt);
      return;
    }
    const handler = handlers.get(message.type);
    if (!handler) throw new BaseError('VALIDATION_FAILED', `This coordinator does not handle '${message.type}' messages`);
    await handler(session, message);
  }

  return {
    stop: () => clearInterval(timer),
    sessionCount: () => sessions.size,
    sendTo(deviceId, message) {
      const session = byDevice.get(deviceId.toLowerCase());
      if (!session) return false;
      session.send(message);
      return true;
    },
    hasSession: (deviceId) => byDevice.has(deviceId.toLowerCase()),
  };
}

const asBuffer = (raw: RawData): Buffer => (Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw));
