import { resolve } from 'node:path';
import { parseOrThrow } from '@tensorgrid/protocol';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../../context';
import { runDevnet } from '../../devnet/run-devnet';
import { withErrors } from '../../output/with-errors';

const optionsSchema = z.object({
  dataDir: z.string(),
  port: z.coerce.number().int().min(0).max(65535),
  rpcPort: z.coerce.number().int().min(0).max(65535),
  chainId: z.coerce.number().int().positive(),
  storage: z.enum(['sqlite', 'postgres']),
  databaseUrl: z.string().optional(),
  heartbeatIntervalMs: z.coerce.number().int().min(50).optional(),
  worker: z.boolean(),
  simulate: z.coerce.number().int().min(0).max(1000),
  simulateSeed: z.coerce.number().int().min(0),
  requesterJobs: z.union([z.literal(false).transform(() => 0), z.coerce.number().int().min(0).max(100)]),
  json: z.boolean().default(false),
}).refine((o) => o.storage === 'sqlite' || o.databaseUrl, { message: '--database-url is required with --storage postgres', path: ['databaseUrl'] });

/**
 * `tgrid devnet`: the whole network on this machine (what `npm start` runs).
 * @param ctx - the CLI context
 */
export function devnetCommand(ctx: CliContext): Command {
  return new Command('devnet')
    .description('Run a local Tensorgrid network: chain (anvil) with contracts, coordinator on SQLite, and a worker for this machine')
    .option('--data-dir <dir>', 'where the devnet keeps its data', '.tensorgrid')
    .option('--port <port>', 'coordinator port (0: any free port)', '7070')
    .option('--rpc-port <port>', 'chain RPC port (0: any free port)', '8545')
    .option('--chain-id <id>', 'chain id', '31337')
    .option('--storage <kind>', 'coordinator storage: sqlite or postgres', 'sqlite')
    .option('--database-url <url>', 'PostgreSQL URL, with --storage postgres')
    .option('--heartbeat-interval-ms <ms>', 'heartbeat period the coordinator announces')
    .option('--no-worker', 'do not start a worker for this machine')
    .option('--simulate <n>', 'also start N simulated worker agents (GPU models, cities, links, churn and 20% adversaries, all flagged simulated)', '0')
    .option('--simulate-seed <seed>', 'seed of the simulated fleet (the same seed brings back the same devices)', '1')
    .option('--requester-jobs <n>', 'jobs the requester bot keeps posted from examples/jobs/ (logs/requester.log)', '2')
    .option('--no-requester-jobs', 'do not start the requester bot')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nStops cleanly on Ctrl-C; run it again to resume with the same chain, data and worker identity.\nThe CLI finds the running devnet through <data-dir>/devnet.json.')
    .action(
      withErrors(ctx, async (raw: unknown) => {
        const opts = parseOrThrow(optionsSchema, raw, 'options');
        // Listen before anything starts: a Ctrl-C right after the summary must still stop cleanly.
        const signalled = ctx.waitForSignal();
        const devnet = await runDevnet(ctx, { ...opts, dataDir: resolve(ctx.cwd, opts.dataDir), ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}), ...(opts.heartbeatIntervalMs ? { heartbeatIntervalMs: opts.heartbeatIntervalMs } : {}) });
        const signal = await Promise.race([signalled, devnet.unexpectedExit.then((name) => `exit of the ${name}`)]);
        ctx.stderr.write(`\nStopping the devnet (${signal})…\n`);
        await devnet.stop();
        ctx.stderr.write('Devnet stopped. Its data stays in the data directory; `npm start` resumes it.\n');
        if (signal.startsWith('exit')) {
          ctx.stderr.write(`error UNAVAILABLE: the ${signal.slice(8)} stopped unexpectedly; see ${devnet.info.dataDir}/logs/\n`);
          ctx.setExitCode(1);
        }
      }),
    );
}
