import type { Logger } from 'pino';
import type { LivenessService } from './liveness-service';

/**
 * Periodically marks devices that stopped sending heartbeats as down. A device is marked
 * down only after a grace period (default 40 s), as mature schedulers do, so one late
 * heartbeat does not flap it. Nothing is swept until one grace period after start: devices
 * silent while the coordinator itself was down get the chance to report first.
 * @param registry - what sweeps: the liveness service (which also updates degraded mode)
 * @param options - grace and sweep interval in milliseconds, and the clock
 * @param log - where sweep results and failures go
 * @returns stop: clears the timer and waits for a sweep in flight
 */
export function startSilentDeviceSweeper(registry: Pick<LivenessService, 'sweepSilent'>, options: { graceMs: number; intervalMs: number; now: () => number }, log: Logger): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const sweepFrom = options.now() + options.graceMs;
  const timer = setInterval(() => {
    if (options.now() < sweepFrom) return;
    running = registry
      .sweepSilent(options.graceMs)
      .then((ids) => {
        if (ids.length) log.info({ ids }, 'devices marked down after missing heartbeats');
      })
      .catch((err: unknown) => log.error({ err }, 'silent-device sweep failed'));
  }, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
