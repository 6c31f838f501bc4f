import { readFileSync } from 'node:fs';
import { BaseError } from '@tensorgrid/protocol';
import { WORKER_ENV, loadWorkerOptions, runWorkersUntilSignal } from '@tensorgrid/worker';
import { Command } from 'commander';
import { pino } from 'pino';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';

interface WorkerStartFlags {
  coordinator?: string;
  dataDir?: string;
  workerDataDir?: string;
  gpuModel?: string;
  gpus?: string;
  cpuCores?: string;
  operatorKeyFile?: string;
  heartbeatIntervalMs?: string;
  logLevel?: string;
  country?: string;
  city?: string;
  lat?: string;
  lon?: string;
  rpcUrl?: string;
  chainId?: string;
  jobMarket?: string;
  jobPriority?: string;
  jobIntervalMs?: string;
  jobMemoryBytes?: string;
  jobKernel?: string;
}

/**
 * `tgrid worker start`: probes this machine and runs one worker per GPU model until Ctrl-C.
 * @param ctx - the CLI context
 */
export function workerStartCommand(ctx: CliContext): Command {
  return new Command('start')
    .description('Run the worker agent on this machine: detect the hardware, register with a signed request, send signed heartbeats')
    .option('--coordinator <url>', `coordinator URL (default: $${WORKER_ENV.coordinatorUrl}, else the running devnet)`)
    .option('--data-dir <dir>', 'devnet data directory, to find the devnet', '.tensorgrid')
    .option('--worker-data-dir <dir>', `where worker identities are kept, one folder per GPU model (default: $${WORKER_ENV.dataDir}, else .tensorgrid/worker)`)
    .option('--gpu-model <model>', 'serve only this GPU model (on a machine with several)')
    .option('--gpus <indices>', 'serve only these GPU indices, e.g. 0,1 (all of one model)')
    .option('--cpu-cores <n>', `CPU cores to offer, at most the machine's (default: $${WORKER_ENV.cpuCores}, else all): a CPU worker's compute challenges are sized to them`)
    .option('--operator-key-file <file>', `operator ("master") key file; or $${WORKER_ENV.operatorKey}. Never generated`)
    .option('--heartbeat-interval-ms <ms>', 'override the heartbeat period the coordinator announces')
    .option('--country <code>', `declared country, ISO 3166-1 alpha-2, e.g. DE (default: $${WORKER_ENV.country}); also the device's region`)
    .option('--city <name>', `declared city (default: $${WORKER_ENV.city})`)
    .option('--lat <degrees>', `declared latitude, -90..90 (default: $${WORKER_ENV.latitude})`)
    .option('--lon <degrees>', `declared longitude, -180..180 (default: $${WORKER_ENV.longitude})`)
    .option('--rpc-url <url>', `chain JSON-RPC URL; with --job-market the worker takes training jobs (default: $${WORKER_ENV.rpcUrl})`)
    .option('--chain-id <id>', `chain id (default: $${WORKER_ENV.chainId}, else 31337)`)
    .option('--job-market <address>', `JobMarket contract to take jobs from (default: $${WORKER_ENV.jobMarketAddress})`)
    .option('--job-priority <order>', `which jobs first: fee-per-gas, deadline or fee (default: $${WORKER_ENV.jobPriority}, else fee-per-gas)`)
    .option('--job-interval-ms <ms>', `how often to look at the market and at challenges (default: $${WORKER_ENV.jobIntervalMs}, else 2000)`)
    .option('--job-memory-bytes <bytes>', `memory to lend to jobs (default: $${WORKER_ENV.jobMemoryBytes}, else half the free RAM)`)
    .option('--job-kernel <kernel>', `training kernel: canonical (bit-exact, any job) or lanes4 (non-canonical, PyTorch-like: tolerant jobs only) (default: $${WORKER_ENV.jobKernel}, else canonical)`)
    .option('--log-level <level>', `fatal, error, warn, info, debug, trace or silent (default: $${WORKER_ENV.logLevel}, else info)`)
    .addHelpText('after', '\nThe worker keeps its key in <worker-data-dir>/<gpu-model>/worker.key (mode 0600); set $TG_WORKER_KEY to use your own.\nLogs are JSON lines on stdout.')
    .action(
      withErrors(ctx, async (flags: WorkerStartFlags) => {
        const options = loadWorkerOptions(ctx.env, {
          coordinatorUrl: flags.coordinator ?? ctx.env[WORKER_ENV.coordinatorUrl] ?? resolveCoordinatorUrl(ctx, flags),
          dataDir: flags.workerDataDir,
          gpuModel: flags.gpuModel,
          gpuIndices: flags.gpus,
          cpuCores: flags.cpuCores,
          operatorKey: flags.operatorKeyFile ? readKeyFile(flags.operatorKeyFile) : undefined,
          heartbeatIntervalMs: flags.heartbeatIntervalMs,
          logLevel: flags.logLevel,
          country: flags.country,
          city: flags.city,
          latitude: flags.lat,
          longitude: flags.lon,
          rpcUrl: flags.rpcUrl,
          chainId: flags.chainId,
          jobMarketAddress: flags.jobMarket,
          jobPriority: flags.jobPriority,
          jobIntervalMs: flags.jobIntervalMs,
          jobMemoryBytes: flags.jobMemoryBytes,
          jobKernel: flags.jobKernel,
        });
        await runWorkersUntilSignal(options, pino({ name: 'worker', level: options.logLevel }));
      }),
    );
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (cause) {
    throw new BaseError('KEY_INVALID', `Cannot read the operator key file ${file}`, { cause, details: 'Check the path and its permissions.' });
  }
}
