import type { TickLock } from '@tensorgrid/domain';
import type { Logger } from 'pino';
import { exclusivePass } from '../exclusive-pass';
import { periodicTask } from '../periodic-task';
import type { LivenessService } from './liveness-service';

/** The tick lock sweeps run under. */
export const LIVENESS_SWEEP_TICK_LOCK = 'liveness.sweep';

/**
 * Periodically marks devices that stopped sending heartbeats as down. A device is marked
 * down only after a grace period (default 40 s), as mature schedulers do, so one late
 * heartbeat does not flap it. Nothing is swept until one grace period after start: devices
 * silent while the coordinator itself was down get the chance to report first. With a tick
 * lock, replicas on one database sweep in turn ({@link LIVENESS_SWEEP_TICK_LOCK}), so a
 * region's degraded interval is opened or closed by one of them.
 * @param registry - what sweeps: the liveness service (which also updates degraded mode)
 * @param options - grace and sweep interval in milliseconds, the clock and the replicas' tick lock
 * @param log - where sweep results and failures go
 * @returns stop: clears the timer and waits for a sweep in flight
 */
export function startSilentDeviceSweeper(registry: Pick<LivenessService, 'sweepSilent'>, options: { graceMs: number; intervalMs: number; now: () => number; lock?: TickLock }, log: Logger): () => Promise<void> {
  const sweep = exclusivePass(() => registry.sweepSilent(options.graceMs), { lock: options.lock, name: LIVENESS_SWEEP_TICK_LOCK, skipped: () => [], log });
  const sweepFrom = options.now() + options.graceMs;
  const pass = async () => {
    if (options.now() < sweepFrom) return;
    const ids = await sweep();
    if (ids.length) log.info({ ids }, 'devices marked down after missing heartbeats');
  };
  return periodicTask(pass, (err) => log.error({ err }, 'silent-device sweep failed')).start(options.intervalMs);
}
