import { createHash, randomBytes } from 'node:crypto';
import { connectivityTier, throughputMBps, type DeviceNetworkStore } from '@tensorgrid/domain';
import { BaseError, PROTOCOL_VERSION } from '@tensorgrid/protocol';
import type { Logger } from 'pino';
import type { WsFeature, WsSessionContext } from '../ws/ws-feature';
import { concurrencyLimit } from './core/concurrency-limit';

/** Options of the network measurement. */
export interface NetworkProbeOptions {
  /** Payload of each message, bytes (≤ 512 KiB). */
  bytes: number;
  /** Messages per direction, sent back to back. @default 1 */
  chunks?: number;
  /** Multiplies every tier threshold (tests on loopback use a tiny one). */
  tierScale: number;
  /** First measurement this long after a session is authenticated, then every `intervalMs`. */
  firstDelayMs: number;
  /**
   * A random extra delay of up to this much before the first measurement, so sessions that
   * connect together (after a restart) are measured spread out, not all at once. @default 0
   */
  firstJitterMs?: number;
  intervalMs: number;
  /** A device that does not answer in time is not measured this round. */
  timeoutMs: number;
  /**
   * Scheduled measurements in flight at once; the rest queue. Bounds the coordinator's memory
   * and bandwidth when thousands of sessions connect together (after a restart, say). @default 4
   */
  maxConcurrent?: number;
}

/** The feature, and a way to measure a connected device now. */
export interface NetworkProbe {
  feature: WsFeature;
  /** Measures the device's session now; undefined when it has no session or did not answer in time. */
  measure(deviceId: string): Promise<{ downMBps: number; upMBps: number } | undefined>;
}

interface Pending {
  session: WsSessionContext;
  kind: 'down' | 'up';
  sentAt: number;
  /** Expected hash (down), or the nonce bytes (up). */
  secret: Buffer;
  settle(result: { ok: true; elapsedMs: number } | { ok: false; why: string }): void;
}

const sha256 = (...parts: Buffer[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex');

/**
 * Measures each device's download and upload over its authenticated WebSocket session (see
 * `packages/protocol/src/ws/network-messages.ts`) and stores the speeds and the tier they
 * reach. A wrong hash or size is stored as a failed measurement (0 MB/s, unranked): the
 * device lied or corrupted data. Times are taken on the coordinator's monotonic clock.
 * @param deps - the network store, the wall clock and the logger
 * @param options - sizes, schedule, timeout and tier scale
 */
export function networkProbeFeature(deps: { network: DeviceNetworkStore; now: () => number; log: Pick<Logger, 'warn' | 'error'> }, options: NetworkProbeOptions): NetworkProbe {
  const pending = new Map<string, Pending>();
  const sessions = new Map<string, WsSessionContext>();
  const timers = new Map<WsSessionContext, NodeJS.Timeout>();

  function exchange(session: WsSessionContext, request: { kind: 'down' | 'up'; secret: Buffer; send: (id: string) => void }) {
    const id = randomBytes(12).toString('hex');
    return new Promise<{ ok: true; elapsedMs: number } | { ok: false; why: string }>((resolve) => {
      const timer = setTimeout(() => settle({ ok: false, why: 'timeout' }), options.timeoutMs);
      const settle = (result: { ok: true; elapsedMs: number } | { ok: false; why: string }) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(result);
      };
      pending.set(id, { session, kind: request.kind, secret: request.secret, sentAt: performance.now(), settle });
      request.send(id);
    });
  }

  /**
   * `chunks` exchanges sent back to back, timed from the first send to the last answer: one
   * round trip is paid for all of them, so the bytes, not the latency, dominate the time.
   * The time still includes that round trip (a device cannot shorten it), so the speed errs
   * low, never high.
   */
  async function pipelined(one: () => Promise<{ ok: true; elapsedMs: number } | { ok: false; why: string }>) {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: options.chunks ?? 1 }, one));
    const failed = results.find((r) => !r.ok);
    return failed ?? { ok: true as const, elapsedMs: performance.now() - started };
  }

  async function measure(deviceId: string) {
    const session = sessions.get(deviceId);
    if (!session) return undefined;
    const down = await pipelined(() => {
      const payload = randomBytes(options.bytes);
      return exchange(session, { kind: 'down', secret: Buffer.from(sha256(payload), 'hex'), send: (id) => session.send({ type: 'net.probe', v: PROTOCOL_VERSION, id, payload: payload.toString('base64') }) });
    });
    const up = down.ok
      ? await pipelined(() => {
          const nonce = randomBytes(32);
          return exchange(session, { kind: 'up', secret: nonce, send: (id) => session.send({ type: 'net.upload', v: PROTOCOL_VERSION, id, nonce: `0x${nonce.toString('hex')}`, bytes: options.bytes }) });
        })
      : down;
    if (!down.ok || !up.ok) {
      const why = !down.ok ? down.why : !up.ok ? up.why : '';
      deps.log.warn({ deviceId, why }, 'network measurement failed');
      if (why === 'timeout') return undefined;
      await deps.network.saveThroughput(deviceId, { downMBps: 0, upMBps: 0, tier: 'unranked', measuredAt: deps.now() });
      return { downMBps: 0, upMBps: 0 };
    }
    const bytes = options.bytes * (options.chunks ?? 1);
    const measured = { downMBps: throughputMBps({ bytes, elapsedMs: down.elapsedMs }), upMBps: throughputMBps({ bytes, elapsedMs: up.elapsedMs }) };
    await deps.network.saveThroughput(deviceId, { ...measured, tier: connectivityTier(measured, options.tierScale), measuredAt: deps.now() });
    return measured;
  }

  /** The pending exchange this answer belongs to, or a refusal. */
  function claim(session: WsSessionContext, id: string, kind: 'down' | 'up'): Pending {
    const p = pending.get(id);
    if (!p || p.session !== session || p.kind !== kind) throw new BaseError('VALIDATION_FAILED', `No network measurement ${id} is waiting for this answer`);
    return p;
  }

  const limited = concurrencyLimit(options.maxConcurrent ?? 4);
  function schedule(session: WsSessionContext, delayMs: number) {
    const timer = setTimeout(() => {
      const deviceId = session.deviceId;
      if (!deviceId || sessions.get(deviceId) !== session) return;
      void limited(() => (sessions.get(deviceId) === session ? measure(deviceId) : Promise.resolve(undefined)))
        .catch((err: unknown) => deps.log.error({ err }, 'network measurement crashed'))
        .finally(() => timers.has(session) && schedule(session, options.intervalMs));
    }, delayMs);
    timer.unref();
    timers.set(session, timer);
  }

  const feature: WsFeature = {
    handlers: {
      'net.probe.ack'(session, message) {
        const p = claim(session, message.id, 'down');
        const elapsedMs = performance.now() - p.sentAt;
        p.settle(message.sha256 === p.secret.toString('hex') ? { ok: true, elapsedMs } : { ok: false, why: 'wrong-hash' });
      },
      'net.data'(session, message) {
        const p = claim(session, message.id, 'up');
        const elapsedMs = performance.now() - p.sentAt;
        const data = Buffer.from(message.payload, 'base64');
        if (data.length !== options.bytes) return p.settle({ ok: false, why: 'wrong-size' });
        p.settle(message.sha256 === sha256(p.secret, data) ? { ok: true, elapsedMs } : { ok: false, why: 'wrong-hash' });
      },
    },
    onAuthenticated(session) {
      if (!session.deviceId) return;
      sessions.set(session.deviceId, session);
      schedule(session, options.firstDelayMs + Math.random() * (options.firstJitterMs ?? 0));
    },
    onClose(session) {
      clearTimeout(timers.get(session));
      timers.delete(session);
      if (session.deviceId && sessions.get(session.deviceId) === session) sessions.delete(session.deviceId);
      for (const p of pending.values()) if (p.session === session) p.settle({ ok: false, why: 'timeout' });
    },
  };
  return { feature, measure };
}
