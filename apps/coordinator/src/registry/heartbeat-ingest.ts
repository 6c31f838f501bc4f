import type { DeviceStore, HeartbeatWrite } from '@tensorgrid/domain';
import { BaseError, type DeviceState } from '@tensorgrid/protocol';
import type { Clock } from '../clock';
import { decideHeartbeat } from './core/device-rules';
import type { DeviceEvents } from './device-events';

/** Outcome of one heartbeat: recorded (committed), or refused with the reason. */
export type HeartbeatOutcome = { kind: 'recorded'; seq: number; state: DeviceState } | { kind: 'refused'; error: BaseError };

/** Group-commit options. */
export interface HeartbeatIngestOptions {
  /** How long the first heartbeat of a batch waits for others, ms. @default 5 */
  maxDelayMs?: number;
  /** Heartbeats per transaction at most. @default 2000 */
  maxBatch?: number;
  /** Heartbeats waiting at most; beyond it new ones are refused as UNAVAILABLE (retryable). @default 100000 */
  maxQueue?: number;
}

/** Counters of the group commit, for benchmarks and logs. */
export interface HeartbeatIngestStats {
  batches: number;
  heartbeats: number;
  recorded: number;
  refused: number;
  largestBatch: number;
  /** Wall time inside `recordHeartbeats`, ms. */
  storeMs: number;
}

/** Heartbeats of authenticated sessions, recorded in batches. */
export interface HeartbeatIngest {
  /** Queues a heartbeat of `deviceId` (already authenticated); resolves after its batch committed, or with the refusal. */
  submit(heartbeat: { deviceId: string; seq: number }): Promise<HeartbeatOutcome>;
  /** Drops the cached state of a device (its session closed). */
  forget(deviceId: string): void;
  /** Records what is queued; resolves when nothing is pending. */
  drain(): Promise<void>;
  stats(): HeartbeatIngestStats;
}

interface Pending {
  deviceId: string;
  seq: number;
  at: number;
  attempt: number;
  resolve(outcome: HeartbeatOutcome): void;
}

const MAX_ATTEMPTS = 3;

/**
 * The heartbeat path of `RegistryService.heartbeat` (same states, refusals and compare-and-set),
 * made cheap per heartbeat: heartbeats wait up to `maxDelayMs` and are committed together by
 * `DeviceStore.recordHeartbeats` in one transaction; each is acknowledged only after that
 * commit, so nothing acknowledged is lost by a crash of the process. The state the decision
 * is made on is cached per device; the store stays the source of truth because every write
 * is a compare-and-set on that state: when another writer (a block, the silent-device sweep,
 * another replica) changed it, the cache is corrected and the heartbeat decided again.
 *
 * Durability: on SQLite (WAL, synchronous=NORMAL, see `openDatabase`) a committed batch
 * survives a crash of the coordinator process; a power loss or kernel crash may roll back the
 * last commits before the next WAL checkpoint, i.e. forget the latest acked heartbeats. That
 * is acceptable for liveness (the next heartbeat restores it) and cannot make `seq` go
 * backwards for an honest agent, which only ever sends higher numbers.
 * @param deps - the device store, the clock, the event bus and an error log
 * @param options - batching limits
 */
export function createHeartbeatIngest(
  deps: { devices: DeviceStore; clock: Clock; events: DeviceEvents; onStoreError?: (err: unknown) => void },
  options: HeartbeatIngestOptions = {},
): HeartbeatIngest {
  const maxDelayMs = options.maxDelayMs ?? 5;
  const maxBatch = options.maxBatch ?? 2000;
  const maxQueue = options.maxQueue ?? 100_000;
  const states = new Map<string, DeviceState>();
  const stats: HeartbeatIngestStats = { batches: 0, heartbeats: 0, recorded: 0, refused: 0, largestBatch: 0, storeMs: 0 };
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;

  const refuse = (p: Pending, error: BaseError) => {
    stats.refused++;
    p.resolve({ kind: 'refused', error });
  };

  function schedule(): void {
    if (flushing || timer || queue.length === 0) return;
    if (queue.length >= maxBatch) timer = setTimeout(flush, 0);
    else timer = setTimeout(flush, maxDelayMs);
  }

  function flush(): void {
    timer = undefined;
    if (flushing || queue.length === 0) return;
    const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
    queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
    flushing = commit(batch).finally(() => {
      flushing = undefined;
      // Heartbeats that arrived during the commit form the next batch at once.
      if (queue.length > 0) timer = setTimeout(flush, 0);
    });
  }

  const storeFailed = (err: unknown) => new BaseError('UNAVAILABLE', 'The heartbeat could not be stored', { cause: err, details: 'Send it again (same seq), or over HTTP.' });

  async function commit(batch: Pending[]): Promise<void> {
    try {
      await loadStates(batch);
    } catch (err) {
      deps.onStoreError?.(err);
      for (const p of batch) refuse(p, storeFailed(err));
      return;
    }
    const writes: HeartbeatWrite[] = [];
    const accepted: Pending[] = [];
    for (const p of batch) {
      const state = states.get(p.deviceId);
      if (state === undefined) {
        refuse(p, new BaseError('DEVICE_NOT_FOUND', `No device ${p.deviceId}`, { data: { id: p.deviceId } }));
        continue;
      }
      const decision = decideHeartbeat(state, p.deviceId);
      if (decision.kind === 'refused') {
        refuse(p, decision.error);
        continue;
      }
      writes.push({ id: p.deviceId, seq: p.seq, at: p.at, expectedState: state, state: decision.state });
      accepted.push(p);
    }
    if (writes.length === 0) return;
    stats.batches++;
    stats.heartbeats += writes.length;
    stats.largestBatch = Math.max(stats.largestBatch, writes.length);
    const started = performance.now();
    let results;
    try {
      results = await deps.devices.recordHeartbeats(writes);
    } catch (err) {
      deps.onStoreError?.(err);
      for (const p of accepted) {
        states.delete(p.deviceId);
        refuse(p, storeFailed(err));
      }
      return;
    } finally {
      stats.storeMs += performance.now() - started;
    }
    results.forEach((result, i) => settle(accepted[i]!, result));
  }

  function settle(p: Pending, result: Awaited<ReturnType<DeviceStore['recordHeartbeats']>>[number]): void {
    switch (result.kind) {
      case 'recorded':
        states.set(p.deviceId, result.state);
        stats.recorded++;
        p.resolve({ kind: 'recorded', seq: result.seq, state: result.state });
        if (result.stateChanged) void publish(p.deviceId);
        return;
      case 'stale-sequence':
        return refuse(p, new BaseError('STALE_SEQUENCE', `Heartbeat seq ${p.seq} is not above the last accepted ${result.lastSeq}`, { data: { seq: p.seq, lastSeq: result.lastSeq } }));
      case 'not-found':
        states.delete(p.deviceId);
        return refuse(p, new BaseError('DEVICE_NOT_FOUND', `No device ${p.deviceId}`, { data: { id: p.deviceId } }));
      case 'state-changed':
        states.set(p.deviceId, result.current);
        if (++p.attempt >= MAX_ATTEMPTS) {
          return refuse(p, new BaseError('UNAVAILABLE', `Device ${p.deviceId} is changing state too fast to record this heartbeat`, { details: 'Send the next heartbeat.' }));
        }
        queue.push(p);
        return schedule();
    }
  }

  async function loadStates(batch: Pending[]): Promise<void> {
    const unknown = [...new Set(batch.filter((p) => !states.has(p.deviceId)).map((p) => p.deviceId))];
    await Promise.all(
      unknown.map(async (id) => {
        const device = await deps.devices.getDevice(id);
        if (device) states.set(id, device.state);
      }),
    );
  }

  async function publish(id: string): Promise<void> {
    try {
      const device = await deps.devices.getDevice(id);
      if (device) deps.events.publish(device);
    } catch (err) {
      deps.onStoreError?.(err);
    }
  }

  return {
    submit({ deviceId, seq }) {
      return new Promise((resolve) => {
        const p: Pending = { deviceId, seq, at: deps.clock.now(), attempt: 0, resolve };
        if (queue.length >= maxQueue) return refuse(p, new BaseError('UNAVAILABLE', 'Too many heartbeats are waiting to be stored', { details: 'Send it again later.' }));
        queue.push(p);
        schedule();
      });
    },
    forget: (deviceId) => void states.delete(deviceId),
    async drain() {
      while (flushing || queue.length > 0) {
        clearTimeout(timer);
        timer = undefined;
        flush();
        await flushing;
      }
    },
    stats: () => ({ ...stats }),
  };
}
