import { JOB_SORTS, parseOrThrow, postedJobStateSchema } from '@tensorgrid/protocol';
import { createCoordinatorClient, listJobs } from '@tensorgrid/sdk';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { formatGrid } from '../../chain/parse-grid-amount';
import type { CliContext } from '../../context';
import { formatTable } from '../../output/format-table';
import { coordinatorFlagsSchema, withCoordinatorOptions } from '../../coordinator-options';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';

const optionsSchema = z.object({
  state: postedJobStateSchema.optional(),
  requester: z.string().optional(),
  node: z.string().optional(),
  sort: z.enum(JOB_SORTS).default('newest'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: z.string().optional(),
}).extend(coordinatorFlagsSchema.shape);

/**
 * `tgrid job list`: jobs from the coordinator's index of the JobMarket, as a table or JSON.
 * @param ctx - the CLI context
 */
export function jobListCommand(ctx: CliContext): Command {
  return withCoordinatorOptions(
    new Command('list')
      .description('List jobs of the job market (posted ones by best fee per gas: --state posted --sort fee-per-gas)')
      .addOption(new Option('--state <state>', 'only jobs in this state').choices(postedJobStateSchema.options))
      .option('--requester <address>', 'only jobs posted by this account')
      .option('--node <address>', 'only jobs taken by this node')
      .addOption(new Option('--sort <order>', 'order').choices(JOB_SORTS).default('newest'))
      .option('--limit <n>', 'page size (1-100)', '50')
      .option('--after <cursor>', 'page: the cursor printed after the previous page')
  ).action(
    withErrors(ctx, async (raw: unknown) => {
      const opts = parseOrThrow(optionsSchema, raw, 'options');
      const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts) });
      const page = await listJobs(client, {
        sort: opts.sort,
        limit: opts.limit,
        ...(opts.state ? { state: opts.state } : {}),
        ...(opts.requester ? { requester: opts.requester } : {}),
        ...(opts.node ? { node: opts.node } : {}),
        ...(opts.after ? { after: opts.after } : {}),
      });
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify(page)}\n`);
      if (page.jobs.length === 0) {
        ctx.stdout.write(page.indexedBlock === null ? 'No jobs indexed yet: the coordinator has not read the JobMarket (is the chain configured?).\n' : `No matching jobs (indexed up to block ${page.indexedBlock}).\n`);
      } else {
        const rows = page.jobs.map((j) => [j.id, j.state, formatGrid(BigInt(j.fee)), formatGrid(BigInt(j.gas)), j.feePerGas.toPrecision(4), j.deadline, j.node ?? '-']);
        ctx.stdout.write(formatTable(['ID', 'STATE', 'FEE', 'GAS', 'FEE/GAS', 'DEADLINE', 'NODE'], rows));
      }
      if (page.next) ctx.stdout.write(`\nMore: tgrid job list --sort ${opts.sort}${opts.state ? ` --state ${opts.state}` : ''} --after ${page.next}\n`);
    }),
  );
}
