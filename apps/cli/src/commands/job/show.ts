import { jobIdSchema, parseOrThrow } from '@tensorgrid/protocol';
import { createCoordinatorClient, getJob } from '@tensorgrid/sdk';
import { Command } from 'commander';
import { z } from 'zod';
import { formatGrid } from '../../chain/parse-grid-amount';
import type { CliContext } from '../../context';
import { coordinatorFlagsSchema, withCoordinatorOptions } from '../../coordinator-options';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';

const optionsSchema = z.object({
}).extend(coordinatorFlagsSchema.shape);

/**
 * `tgrid job show <id>`: one job as the index holds it, with its history (who took it, who
 * verified it, when, and what was paid or locked).
 * @param ctx - the CLI context
 */
export function jobShowCommand(ctx: CliContext): Command {
  return withCoordinatorOptions(
    new Command('show')
      .description('Show one job: its state, parties, amounts and event history')
      .argument('<id>', 'the job id')
  ).action(
    withErrors(ctx, async (rawId: unknown, raw: unknown) => {
      const id = parseOrThrow(jobIdSchema, rawId, 'job id');
      const opts = parseOrThrow(optionsSchema, raw, 'options');
      const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts) });
      const { job, events, indexedBlock } = await getJob(client, { id });
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify({ job, events, indexedBlock })}\n`);
      const lines: [string, string][] = [
        ['Job', `${job.id} (${job.state}, as of block ${job.updatedBlock})`],
        ['Requester', job.requester],
        ['Fee', formatGrid(BigInt(job.fee))],
        ['Gas', `${formatGrid(BigInt(job.gas))} (fee per gas ${job.feePerGas.toPrecision(4)})`],
        ['Deadline', job.deadline],
        ['Spec', job.specHash],
        ['Node', job.node ? `${job.node}, deposit ${formatGrid(BigInt(job.deposit))}` : '-'],
        ['Result', job.resultRoot ?? '-'],
        ['Verifier', job.verifier ?? '-'],
        ...(job.challengeEndsAt ? [['Disputable', `until ${job.challengeEndsAt} (shares of ${job.verdictDay})`] as [string, string]] : []),
        ...(job.whistleblower ? [['Disputed by', `${job.whistleblower}, bond ${formatGrid(BigInt(job.bond))}`] as [string, string]] : []),
      ];
      ctx.stdout.write(lines.map(([k, v]) => `${k.padEnd(11)} ${v}`).join('\n') + '\n\nHistory\n');
      for (const e of events) ctx.stdout.write(`  block ${String(e.block).padStart(6)}  ${e.name.padEnd(16)} ${e.txHash}\n`);
    }),
  );
}
