import type { Logger } from 'pino';
import type { WorkerOptions } from '../config';
import { startWorkers, type StartedWorker } from './start-workers';

/**
 * Starts the machine's workers and keeps them running until SIGINT or SIGTERM, then drains
 * them and exits the process with 0 (or 1 if a worker failed).
 * @param options - worker options
 * @param log - the logger
 * @returns the started workers (the process keeps running)
 */
export async function runWorkersUntilSignal(options: WorkerOptions, log: Logger): Promise<StartedWorker[]> {
  const workers = await startWorkers(options, { log });
  const summary = workers.map((w) => ({ deviceId: w.device.id, kind: w.device.hardware.kind, gpuModel: w.device.gpuModel, gpus: w.device.hardware.gpus.length, state: w.device.state, keyCreated: w.keyCreated }));
  log.info({ workers: summary }, 'workers started');
  // Spawned by a devnet: tell it over IPC that the workers are registered.
  process.send?.({ type: 'ready', workers: summary });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker stopping');
    // A stop never hangs: a coordinator that vanished must not keep the worker alive.
    setTimeout(() => {
      log.error('worker did not stop within 5 s; exiting');
      process.exit(1);
    }, 5000).unref();
    await Promise.all(workers.map(async (w) => {
      await w.jobs?.stop();
      await w.agent.stop();
      await w.challenges.close();
    }));
    log.info('worker stopped');
    process.exit(workers.some((w) => w.agent.state === 'FAILED') ? 1 : 0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Spawned by a devnet (with an IPC channel): stop when it goes away, however it died.
  if (process.send) process.on('disconnect', () => void stop('parent exited'));
  return workers;
}
