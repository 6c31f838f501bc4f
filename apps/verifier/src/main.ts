/**
 * The verifier agent's composition root (`tsx apps/verifier/src/main.ts`): reads the
 * environment (TG_RPC_URL, TG_CHAIN_ID, TG_JOB_MARKET_ADDRESS, TG_VERIFIER_KEY,
 * TG_COORDINATOR_URL, …; TG_REFEREE_KEY to run the referee too), starts the agent, and stops
 * it on SIGINT/SIGTERM.
 */
import { isBaseError } from '@tensorgrid/protocol';
import { pino } from 'pino';
import { loadVerifierOptions, VERIFIER_ENV } from './config';
import { startVerifier } from './start-verifier';

const log = pino({ name: 'verifier', level: process.env.TG_LOG_LEVEL ?? 'info' });

try {
  const options = loadVerifierOptions(process.env);
  const verifier = await startVerifier(options, { log });
  const stop = () => void verifier.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Spawned by a devnet: say so over IPC, and stop with the devnet however it ended.
  process.send?.({ type: 'ready', market: options.jobMarketAddress });
  if (process.send) process.on('disconnect', stop);
} catch (err) {
  const hint = isBaseError(err) && err.code === 'CONFIG_INVALID' ? { env: VERIFIER_ENV } : {};
  log.fatal({ code: isBaseError(err) ? err.code : undefined, err: isBaseError(err) ? undefined : err, ...hint }, isBaseError(err) ? err.message : 'verifier failed');
  process.exit(1);
}
