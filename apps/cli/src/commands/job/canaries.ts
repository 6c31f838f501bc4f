import { addressSchema, parseOrThrow } from '@tensorgrid/protocol';
import { createCoordinatorClient, listAllJobs } from '@tensorgrid/sdk';
import { canaryDiligence } from '@tensorgrid/verifier';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../../context';
import { coordinatorFlagsSchema, withCoordinatorOptions } from '../../coordinator-options';
import { formatTable } from '../../output/format-table';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';

const optionsSchema = z.object({ node: z.array(addressSchema).min(1) }).extend(coordinatorFlagsSchema.shape);

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * `tgrid job canaries --node <address...>`: for the operator of a canary bot, each verifier's
 * diligence on the canaries its nodes took (caught, approved, and the share caught with its
 * Wilson 95 % interval), read from the coordinator's job index.
 * @param ctx - the CLI context
 */
export function jobCanariesCommand(ctx: CliContext): Command {
  return withCoordinatorOptions(
    new Command('canaries')
      .description('Each verifier\'s diligence on the canary jobs of a canary bot\'s nodes: how many it caught, how many it passed (and was disputed for)')
      .requiredOption('--node <address...>', 'the canary bot\'s node accounts, one or more (the devnet\'s are printed by `npm start`)'),
  ).action(
    withErrors(ctx, async (raw: unknown) => {
      const opts = parseOrThrow(optionsSchema, raw, 'options');
      const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts) });
      const nodes = [...new Set(opts.node.map((a) => a.toLowerCase()))];
      const jobs = (await Promise.all(nodes.map((node) => listAllJobs(client, { node })))).flat();
      const verifiers = canaryDiligence(jobs.map((j) => ({ jobId: j.id, state: j.state, verifier: j.verifier })));
      const pending = jobs.length - verifiers.reduce((sum, v) => sum + v.canaries, 0);
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify({ nodes, canaries: jobs.length, pending, verifiers })}\n`);
      if (jobs.length === 0) return void ctx.stdout.write(`No jobs taken by ${nodes.join(', ')}: are they the canary bot's nodes, and has the bot posted a canary yet (it posts one per 50 verdicts at 2 %)?\n`);
      const rows = verifiers.map((v) => [v.verifier, String(v.canaries), String(v.caught), String(v.approved), `${percent(v.diligence.rate)} [${percent(v.diligence.low)}, ${percent(v.diligence.high)}]`]);
      if (rows.length > 0) ctx.stdout.write(formatTable(['VERIFIER', 'CANARIES', 'CAUGHT', 'APPROVED', 'DILIGENCE (95 % CI)'], rows));
      ctx.stdout.write(`${jobs.length} canar${jobs.length === 1 ? 'y' : 'ies'}, ${pending} without a verdict yet.\n`);
    }),
  );
}
