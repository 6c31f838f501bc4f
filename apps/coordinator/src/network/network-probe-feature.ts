import { connectivityTier, throughputMBps, type DeviceNetworkStore } from '@tensorgrid/domain';
import type { Logger } from 'pino';
import type { WsFeature, WsSessionContext } from '../ws/ws-feature';
import { concurrencyLimit } from './core/concurrency-limit';
import { nextTransferBytes, type TimedTransfer, type TransferSizing } from './core/transfer-size';
import { createNetworkTransfers, type TransferFailure, type TransferOutcome, type TransferSize } from './network-transfers';

/** Options of the network measurement. */
export interface NetworkProbeOptions {
  /** Payload of each binary frame, bytes (≤ MAX_NET_CHUNK_BYTES). */
  chunkBytes: number;
  /** The first transfer of each direction, bytes. */
  startBytes: number;
  /** The largest transfer, bytes. */
  maxBytes: number;
  /** Bytes one direction may move in one measurement, all its transfers together. */
  budgetBytes: number;
  /** A transfer shorter than this (or than 4 of the device's round trips) is followed by a bigger one. @default 200 */
  minWindowMs?: number;
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
  /** A device that does not finish one transfer in time is not measured this round. */
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
  /** Measures the device's session now (or joins the measurement in progress); undefined when it has no session or did not answer in time. */
  measure(deviceId: string): Promise<{ downMBps: number; upMBps: number } | undefined>;
  /** Bytes moved by measurement transfers that completed, both directions, since start (for benchmarks). */
  stats(): { bytesMoved: number };
}

/** What the feature needs. */
export interface NetworkProbeDeps {
  network: DeviceNetworkStore;
  /** The wall clock, for `measuredAt`. */
  now: () => number;
  log: Pick<Logger, 'warn' | 'error'>;
  /** The clock transfers are timed on. @default performance.now */
  monotonicNow?: () => number;
  /** The device's recent round trip (ms, from pings), which lengthens the window of its transfers. */
  rttMs?: (deviceId: string) => number | undefined;
}

type Direction = { ok: true; last: TimedTransfer } | { ok: false; why: TransferFailure | 'budget' };

/**
 * Measures each device's download and upload over its authenticated WebSocket session (see
 * `packages/protocol/src/ws/network-messages.ts`: JSON control messages, binary frames for
 * the bytes) and stores the speeds and the tier they reach. Each direction starts with a
 * small transfer and repeats with bigger ones while a transfer is too short to time well
 * (`core/transfer-size.ts`), so a fast link is timed over a long enough window and a slow
 * one is not flooded; the last transfer gives the speed. The bytes a device costs per
 * measurement are bounded by `budgetBytes` per direction (default: 768 MiB each way at
 * scale 1, see `supply-options.ts`). A wrong hash, frame or payload is stored as a failed
 * measurement (0 MB/s, unranked): the device lied or corrupted data. Times are taken on the
 * coordinator's monotonic clock, from a transfer's announcement to its end, so they include
 * one round trip and err low, never high.
 * @param deps - the network store, the clocks, the logger and the devices' round trips
 * @param options - sizes, budget, schedule, timeout and tier scale
 */
export function networkProbeFeature(deps: NetworkProbeDeps, options: NetworkProbeOptions): NetworkProbe {
  const transfers = createNetworkTransfers({ monotonicNow: deps.monotonicNow ?? (() => performance.now()), timeoutMs: options.timeoutMs });
  const sessions = new Map<string, WsSessionContext>();
  const timers = new Map<WsSessionContext, NodeJS.Timeout>();
  const sizing: TransferSizing = { chunkBytes: options.chunkBytes, startBytes: options.startBytes, maxBytes: options.maxBytes, minWindowMs: options.minWindowMs ?? 200 };
  let bytesMoved = 0;

  /** One direction: transfers growing until one lasts the window, the cap or the budget. */
  async function direction(deviceId: string, transfer: (size: TransferSize) => Promise<TransferOutcome>): Promise<Direction> {
    let budgetLeft = options.budgetBytes;
    let last: TimedTransfer | undefined;
    const rtt = deps.rttMs?.(deviceId);
    const history = () => ({ budgetLeft, ...(last ? { last } : {}), ...(rtt === undefined ? {} : { rttMs: rtt }) });
    for (let bytes = nextTransferBytes(sizing, history()); bytes !== undefined; bytes = nextTransferBytes(sizing, history())) {
      const outcome = await transfer({ chunks: bytes / options.chunkBytes, chunkBytes: options.chunkBytes });
      if (!outcome.ok) return outcome;
      budgetLeft -= bytes;
      bytesMoved += bytes;
      last = { bytes, elapsedMs: outcome.elapsedMs };
    }
    return last ? { ok: true, last } : { ok: false, why: 'budget' };
  }

  /** Measurements in progress, by device: a session carries one at a time, and a second caller shares it. */
  const measuring = new Map<string, Promise<{ downMBps: number; upMBps: number } | undefined>>();
  function measureOnce(deviceId: string) {
    const running = measuring.get(deviceId) ?? measure(deviceId).finally(() => measuring.delete(deviceId));
    measuring.set(deviceId, running);
    return running;
  }

  async function measure(deviceId: string) {
    const session = sessions.get(deviceId);
    if (!session) return undefined;
    const down = await direction(deviceId, (size) => transfers.down(session, size));
    const up = down.ok ? await direction(deviceId, (size) => transfers.up(session, size)) : down;
    if (!down.ok || !up.ok) {
      const why = !down.ok ? down.why : !up.ok ? up.why : '';
      deps.log.warn({ deviceId, why }, 'network measurement failed');
      if (why === 'timeout' || why === 'closed') return undefined;
      await deps.network.saveThroughput(deviceId, { downMBps: 0, upMBps: 0, tier: 'unranked', measuredAt: deps.now() });
      return { downMBps: 0, upMBps: 0 };
    }
    const measured = { downMBps: throughputMBps(down.last), upMBps: throughputMBps(up.last) };
    await deps.network.saveThroughput(deviceId, { ...measured, tier: connectivityTier(measured, options.tierScale), measuredAt: deps.now() });
    return measured;
  }

  const limited = concurrencyLimit(options.maxConcurrent ?? 4);
  function schedule(session: WsSessionContext, delayMs: number) {
    const timer = setTimeout(() => {
      const deviceId = session.deviceId;
      if (!deviceId || sessions.get(deviceId) !== session) return;
      void limited(() => (sessions.get(deviceId) === session ? measureOnce(deviceId) : Promise.resolve(undefined)))
        .catch((err: unknown) => deps.log.error({ err }, 'network measurement crashed'))
        .finally(() => timers.has(session) && schedule(session, options.intervalMs));
    }, delayMs);
    timer.unref();
    timers.set(session, timer);
  }

  const feature: WsFeature = {
    handlers: {
      'net.probe.ack': (session, message) => transfers.onAck(session, message),
    },
    onBinary: (session, data) => transfers.onBinary(session, data),
    onAuthenticated(session) {
      if (!session.deviceId) return;
      sessions.set(session.deviceId, session);
      schedule(session, options.firstDelayMs + Math.random() * (options.firstJitterMs ?? 0));
    },
    onClose(session) {
      clearTimeout(timers.get(session));
      timers.delete(session);
      if (session.deviceId && sessions.get(session.deviceId) === session) sessions.delete(session.deviceId);
      transfers.onClose(session);
    },
  };
  return { feature, measure: measureOnce, stats: () => ({ bytesMoved }) };
}
