import { jobIdSchema, parseOrThrow } from '@tensorgrid/protocol';
import { createCoordinatorClient, getJob } from '@tensorgrid/sdk';
import { Command } from 'commander';
import { formatGrid } from '../../chain/parse-grid-amount';
import type { CliContext } from '../../context';
import { coordinatorFlagsSchema, withCoordinatorOptions } from '../../coordinator-options';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';
import { jobOutcome } from './job-outcome';

/**
 * `tgrid job result <id>`: the job's outcome so far: state, node, result root, verdict,
 * payouts from its events, or what it waits for.
 * @param ctx - the CLI context
 */
export function jobResultCommand(ctx: CliContext): Command {
  return withCoordinatorOptions(
    new Command('result')
      .description('Show a job\'s outcome so far: state, node, result root, verdict and payouts, or what it waits for')
      .argument('<id>', 'the job id')
      .addHelpText('after', '\nStates: posted → accepted → submitted → verified → settled; or failed, timed-out, cancelled, slashed (after a dispute), unverified (no verdict within the verification window).\nA declined job is posted again.\n\nExample:\n  $ tgrid job result 3 --json'),
  ).action(
    withErrors(ctx, async (rawId: unknown, raw: unknown) => {
      const id = parseOrThrow(jobIdSchema, rawId, 'job id');
      const opts = parseOrThrow(coordinatorFlagsSchema, raw, 'options');
      const detail = await getJob(createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts) }), { id });
      const outcome = jobOutcome(detail);
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify({ ...outcome, indexedBlock: detail.indexedBlock })}\n`);
      const lines = [
        `Job ${outcome.id}: ${outcome.state}${outcome.final ? ' (final)' : ''}, as of block ${detail.job.updatedBlock}`,
        `Node      ${outcome.node ?? '-'}`,
        `Result    ${outcome.resultRoot ?? '-'}`,
        `Verdict   ${outcome.verdict ?? '-'}${outcome.verifier ? ` (verifier ${outcome.verifier})` : ''}`,
      ];
      if (outcome.payouts.length > 0) {
        lines.push('Payouts');
        for (const p of outcome.payouts) lines.push(`  ${p.to.padEnd(13)} ${formatGrid(BigInt(p.amount)).padStart(16)}  ${p.what} (${p.event}, block ${p.block})`);
      }
      if (outcome.waitingFor) lines.push(`Waiting for ${outcome.waitingFor}`);
      ctx.stdout.write(lines.join('\n') + '\n');
    }),
  );
}
