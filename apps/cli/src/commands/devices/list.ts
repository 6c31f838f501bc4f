import { deviceStateSchema, parseOrThrow } from '@tensorgrid/protocol';
import { createCoordinatorClient, listExplorerDevices } from '@tensorgrid/sdk';
import { Command, Option } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../../context';
import { formatTable } from '../../output/format-table';
import { coordinatorFlagsSchema, withCoordinatorOptions } from '../../coordinator-options';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';

const optionsSchema = z.object({
  state: deviceStateSchema.optional(),
  gpuModel: z.string().optional(),
  gpu: z.string().optional(),
  country: z.string().optional(),
  tier: z.string().optional(),
  simulated: z.boolean().optional(),
  real: z.boolean().optional(),
  minScore: z.string().optional(),
  eligible: z.boolean().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: z.string().optional(),
}).extend(coordinatorFlagsSchema.shape);

/**
 * `tgrid devices list`: devices from the public explorer (location, tier, score), as a
 * table or JSON; filters are validated by the coordinator.
 * @param ctx - the CLI context
 */
export function devicesListCommand(ctx: CliContext): Command {
  return withCoordinatorOptions(
    new Command('list')
      .description('List devices with their location, connectivity tier and quality score')
      .addOption(new Option('--state <state>', 'only devices in this state').choices(deviceStateSchema.options))
      .option('--gpu <model>', 'only devices serving this GPU model')
      .option('--gpu-model <model>', 'same as --gpu')
      .option('--country <code>', 'only devices in this country (ISO 3166-1 alpha-2)')
      .option('--tier <tier>', "only devices of this connectivity tier: 1, 2, 3, 4 or 'unranked'")
      .option('--simulated', 'only simulated devices')
      .option('--real', 'only devices that are not simulated')
      .option('--min-score <score>', 'only devices scoring at least this (0-100)')
      .option('--eligible', 'only devices that can be hired now (past their trial, scoring at least the threshold, not down too long or blocked)')
      .option('--limit <n>', 'page size (1-100)', '50')
      .option('--after <id>', 'page: devices after this id')
  ).action(
    withErrors(ctx, async (raw: unknown) => {
      const opts = parseOrThrow(optionsSchema, raw, 'options');
      const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts) });
      const gpuModel = opts.gpu ?? opts.gpuModel;
      const simulated = opts.simulated ? 'true' : opts.real ? 'false' : undefined;
      const page = await listExplorerDevices(client, {
        limit: opts.limit,
        ...(opts.state ? { state: opts.state } : {}),
        ...(gpuModel ? { gpuModel } : {}),
        ...(opts.country ? { country: opts.country } : {}),
        ...(opts.tier ? { tier: opts.tier as '1' } : {}),
        ...(simulated ? { simulated } : {}),
        ...(opts.minScore ? { minScore: opts.minScore } : {}),
        ...(opts.eligible ? { eligible: 'true' as const } : {}),
        ...(opts.after ? { after: opts.after } : {}),
      });
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify(page)}\n`);
      if (page.devices.length === 0) {
        ctx.stdout.write(page.next ? 'No matching devices on this page.\n' : 'No matching devices. Start a worker with `tgrid worker start`.\n');
      } else {
        const rows = page.devices.map((d) => [
          d.id,
          d.state,
          d.gpuModel ? `${d.gpuCount}x ${d.gpuModel}` : d.kind,
          d.location ? [d.location.country, d.location.city].filter(Boolean).join(' ') : '-',
          d.tier === null ? '-' : String(d.tier),
          d.score.toFixed(1),
          d.eligible ? 'yes' : 'no',
          d.simulated ? 'simulated' : '',
        ]);
        ctx.stdout.write(formatTable(['ID', 'STATE', 'GPUS', 'LOCATION', 'TIER', 'SCORE', 'ELIGIBLE', ''], rows));
      }
      if (page.next) ctx.stdout.write(`\nMore: tgrid devices list --after ${page.next}\n`);
    }),
  );
}
