/**
 * The devnet's fleet simulator (`tgrid devnet --simulate N` spawns it): N simulated worker
 * agents against the coordinator, until SIGINT/SIGTERM or the devnet goes away.
 * Environment: TG_COORDINATOR_URL, TG_SIMULATE_COUNT, TG_SIMULATE_SEED (default 1),
 * TG_SIMULATE_SPEEDUP (default 60), TG_HEARTBEAT_INTERVAL_MS, TG_LOG_LEVEL.
 */
import { isBaseError, parseOrThrow } from '@tensorgrid/protocol';
import { pino } from 'pino';
import { z } from 'zod';
import { startSimulatedFleet } from './start-simulated-fleet';

const log = pino({ name: 'fleet', level: process.env.TG_LOG_LEVEL ?? 'info' });
const envSchema = z.object({
  TG_COORDINATOR_URL: z.string().url(),
  TG_SIMULATE_COUNT: z.coerce.number().int().min(1).max(10_000),
  TG_SIMULATE_SEED: z.coerce.number().int().min(0).default(1),
  TG_SIMULATE_SPEEDUP: z.coerce.number().min(1).max(1_000_000).default(60),
  TG_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(50).optional(),
});

try {
  const env = parseOrThrow(envSchema, process.env, 'environment');
  const fleet = await startSimulatedFleet({
    coordinatorUrl: env.TG_COORDINATOR_URL,
    count: env.TG_SIMULATE_COUNT,
    seed: env.TG_SIMULATE_SEED,
    speedup: env.TG_SIMULATE_SPEEDUP,
    log,
    ...(env.TG_HEARTBEAT_INTERVAL_MS ? { heartbeatIntervalMs: env.TG_HEARTBEAT_INTERVAL_MS } : {}),
  });
  const profiles: Record<string, number> = {};
  for (const d of fleet.devices) profiles[d.profile] = (profiles[d.profile] ?? 0) + 1;
  log.info({ devices: fleet.devices.length, profiles }, 'simulated fleet started');
  process.send?.({ type: 'ready', devices: fleet.devices.length, profiles });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 5000).unref();
    log.info({ signal, replays: fleet.replays() }, 'simulated fleet stopping');
    await fleet.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (process.send) process.on('disconnect', () => void stop('parent exited'));
} catch (err) {
  log.fatal({ code: isBaseError(err) ? err.code : undefined, err: isBaseError(err) ? undefined : err }, isBaseError(err) ? err.message : 'fleet simulator failed');
  process.exit(1);
}
