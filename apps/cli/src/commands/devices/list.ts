import { deviceStateSchema, parseOrThrow } from '@tensorgrid/protocol';
import { createCoordinatorClient, listDevices } from '@tensorgrid/sdk';
import { Command, Option } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../../context';
import { formatTable } from '../../output/format-table';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';

const optionsSchema = z.object({
  state: deviceStateSchema.optional(),
  gpuModel: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.string().optional(),
  coordinator: z.string().url().optional(),
  dataDir: z.string().optional(),
  json: z.boolean().optional(),
});

/**
 * `tgrid devices list`: registered devices, as a table or JSON.
 * @param ctx - the CLI context
 */
export function devicesListCommand(ctx: CliContext): Command {
  return new Command('list')
    .description('List registered devices')
    .addOption(new Option('--state <state>', 'only devices in this state').choices(deviceStateSchema.options))
    .option('--gpu-model <model>', 'only devices serving this GPU model')
    .option('--limit <n>', 'page size (1-1000)', '100')
    .option('--after <id>', 'page: devices after this id')
    .option('--coordinator <url>', 'coordinator URL (default: the running devnet)')
    .option('--data-dir <dir>', 'devnet data directory', '.tensorgrid')
    .option('--json', 'print JSON')
    .action(
      withErrors(ctx, async (raw: unknown) => {
        const opts = parseOrThrow(optionsSchema, raw, 'options');
        const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts) });
        const page = await listDevices(client, {
          limit: opts.limit,
          ...(opts.state ? { state: opts.state } : {}),
          ...(opts.gpuModel ? { gpuModel: opts.gpuModel } : {}),
          ...(opts.after ? { after: opts.after } : {}),
        });
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify(page)}\n`);
        if (page.devices.length === 0) return void ctx.stdout.write('No devices registered yet. Start a worker with `tgrid worker start`.\n');
        const rows = page.devices.map((d) => [
          d.id,
          d.state,
          d.hardware.kind,
          d.gpuModel ? `${d.hardware.gpus.length}x ${d.gpuModel}` : '-',
          `${d.hardware.cpu.cores}c / ${(d.hardware.memoryBytes / 2 ** 30).toFixed(0)} GiB`,
          d.lastHeartbeatAt ?? 'never',
          d.simulated ? 'simulated' : '',
        ]);
        ctx.stdout.write(formatTable(['ID', 'STATE', 'KIND', 'GPUS', 'CPU / RAM', 'LAST HEARTBEAT', ''], rows));
        if (page.next) ctx.stdout.write(`\nMore: tgrid devices list --after ${page.next}\n`);
      }),
    );
}
