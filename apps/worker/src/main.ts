/**
 * The worker agent's composition root (`tsx apps/worker/src/main.ts`): reads the
 * environment, starts one agent per GPU model, and drains them on SIGINT/SIGTERM.
 * `tgrid worker start` is the same with command-line flags.
 */
import { isBaseError } from '@tensorgrid/protocol';
import { pino } from 'pino';
import { loadWorkerOptions } from './config';
import { runWorkersUntilSignal } from './fleet/run-workers-until-signal';

const log = pino({ name: 'worker', level: process.env.TG_LOG_LEVEL ?? 'info' });

try {
  await runWorkersUntilSignal(loadWorkerOptions(process.env), log);
} catch (err) {
  log.fatal({ code: isBaseError(err) ? err.code : undefined, err: isBaseError(err) ? undefined : err }, isBaseError(err) ? err.message : 'worker failed');
  process.exit(1);
}
