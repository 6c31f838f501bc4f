import type { Logger } from 'pino';
import type { RegistryService } from '../registry/registry-service';

/**
 * Periodically marks devices that stopped sending heartbeats as down. A device is marked
 * down only after a grace period (default 40 s), as mature schedulers do, so one late
 * heartbeat does not flap it.
 * @param registry - the registry service
 * @param options - grace and sweep interval in milliseconds
 * @param log - where sweep results and failures go
 * @returns stop: clears the timer and waits for a sweep in flight
 */
export function startSilentDeviceSweeper(registry: RegistryService, options: { graceMs: number; intervalMs: number }, log: Logger): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
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
