import { isBaseError, jobIdSchema, parseOrThrow, type JobSpecResponse } from '@tensorgrid/protocol';
import { createCoordinatorClient, getJob, getJobSpec } from '@tensorgrid/sdk';
import { Command } from 'commander';
import { jobSpecSchema } from '@tensorgrid/tensor';
import { z } from 'zod';
import { formatGrid } from '../../chain/parse-grid-amount';
import type { CliContext } from '../../context';
import { coordinatorFlagsSchema, withCoordinatorOptions } from '../../coordinator-options';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';

/** A stored job spec in a few indented lines: model, data, training and limits. */
function describeSpec(value: Record<string, unknown>): string {
  const parsed = jobSpecSchema.safeParse(value);
  if (!parsed.success) return '            (a spec this CLI cannot read)';
  const { training: t, timeLimitSeconds, memoryBytes } = parsed.data;
  const layers = t.model.layers.map((l) => (l.type === 'dense' ? `dense ${l.units}` : l.type === 'conv2d' ? `conv ${l.filters}×${l.kernel}×${l.kernel}` : 'flatten')).join(' → ');
  const d = t.dataset;
  const data = d.kind === 'tabular' ? `tabular ${d.size}×${d.dim}, ${d.classes} classes, sha256 ${d.sha256.slice(0, 16)}… (${'url' in d.location ? d.location.url : 'coordinator store'})` : `${d.kind} (seed ${JSON.stringify(d.seed)}), ${d.size} examples`;
  return [
    `            model [${t.model.input.join('×')}] → ${layers}`,
    `            data ${data}`,
    `            ${t.optimizer.kind}, lr ${t.lr}, batch ${t.batchSize}, ${t.epochs} epochs, ${(t.stateHash ?? 'sha256').toUpperCase().replace('SHA256', 'SHA-256')} state hashes; time limit ${timeLimitSeconds} s, memory ${(memoryBytes / 2 ** 20).toFixed(1)} MiB`,
  ].join('\n');
}

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
      .description('Show one job: its state, parties, amounts, its spec (when the coordinator holds it) and event history')
      .argument('<id>', 'the job id')
  ).action(
    withErrors(ctx, async (rawId: unknown, raw: unknown) => {
      const id = parseOrThrow(jobIdSchema, rawId, 'job id');
      const opts = parseOrThrow(optionsSchema, raw, 'options');
      const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts) });
      const { job, events, indexedBlock } = await getJob(client, { id });
      // The spec lives off chain: shown when this coordinator holds it.
      const stored: JobSpecResponse | null = await getJobSpec(client, { specHash: job.specHash }).catch((err: unknown) => {
        if (isBaseError(err) && err.code === 'NOT_FOUND') return null;
        throw err;
      });
      if (opts.json) return void ctx.stdout.write(`${JSON.stringify({ job, events, indexedBlock, spec: stored?.spec ?? null, specGas: stored?.gas ?? null })}\n`);
      const lines: [string, string][] = [
        ['Job', `${job.id} (${job.state}, as of block ${job.updatedBlock})`],
        ['Requester', job.requester],
        ['Fee', formatGrid(BigInt(job.fee))],
        ['Gas', `${formatGrid(BigInt(job.gas))} (fee per gas ${job.feePerGas.toPrecision(4)})${stored && stored.gas !== job.gas ? `; NOT its spec's ${formatGrid(BigInt(stored.gas))}: verifiers reject it (gas-mismatch)` : ''}`],
        ['Deadline', job.deadline],
        ['Spec', stored ? `${job.specHash}\n${describeSpec(stored.spec)}` : `${job.specHash} (not held by this coordinator)`],
        ['Node', job.node ? `${job.node}, deposit ${formatGrid(BigInt(job.deposit))}` : '-'],
        ['Result', job.resultRoot ?? '-'],
        ['Verifier', job.verifier ?? '-'],
        ...(job.challengeEndsAt ? [['Disputable', `until ${job.challengeEndsAt} (shares of ${job.verdictDay})`] as [string, string]] : []),
        ...(job.whistleblower ? [['Disputed by', `${job.whistleblower}, bond ${formatGrid(BigInt(job.bond))}`] as [string, string]] : []),
      ];
      ctx.stdout.write(lines.map(([k, v]) => `${k.padEnd(11)} ${v}`).join('\n') + '\n\nHistory\n');
      for (const e of events) ctx.stdout.write(`  block ${String(e.block).padStart(6)}  ${(e.state ?? '').padEnd(10)} ${e.name.padEnd(16)} ${e.txHash}\n`);
    }),
  );
}
