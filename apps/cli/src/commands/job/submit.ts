import { resolve } from 'node:path';
import { parseOrThrow } from '@tensorgrid/protocol';
import { createCoordinatorClient } from '@tensorgrid/sdk';
import { Command } from 'commander';
import { z } from 'zod';
import { formatGrid, parseGridAmount } from '../../chain/parse-grid-amount';
import { resolveJobMarket } from '../../chain/resolve-job-market';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';
import { jobMarketFlagsSchema, withJobMarketOptions } from '../../chain/job-market-options';
import { readJobSpecFile } from './read-job-spec-file';
import { submitJobSpec } from './submit-job-spec';

const optionsSchema = jobMarketFlagsSchema.extend({
  fee: z.string().optional(),
  deadline: z.string().default('1d'),
});

const HELP = `
The spec names the model, the dataset, the hyper-parameters, the epochs, a time limit and the
memory it needs (see examples/jobs/). A tabular dataset may name a local CSV file with
"location": { "file": "data.csv" } (relative to the spec): it is checked, uploaded to the
coordinator and the spec then names it by SHA-256 in the coordinator's store.

Gas = ceil(estimated GFLOP) x 0.001 GRID; a node deposits about its gas to accept the job.

Examples:
  $ tgrid job submit examples/jobs/iris-mlp.json
  $ tgrid job submit my-job.json --fee 25 --deadline 6h --key-file requester.key --json`;

/**
 * `tgrid job submit <spec>`: validates a job spec, uploads its local dataset, stores the spec at
 * the coordinator, escrows the fee and posts the job on the JobMarket.
 * @param ctx - the CLI context
 */
export function jobSubmitCommand(ctx: CliContext): Command {
  return withJobMarketOptions(
    new Command('submit')
      .description('Post a training job: validate the spec, upload a local dataset, store the spec at the coordinator, escrow the fee and post the job on chain')
      .argument('<spec>', 'the job spec file (JSON)')
      .option('--fee <GRID>', 'fee to escrow, e.g. 25 or 12.5; at least the market\'s verifier fee (default: the verifier fee plus the job\'s gas)')
      .option('--deadline <when>', 'last moment a node may accept or submit: a duration from now (90m, 6h, 2d) or an ISO time', '1d'),
    'the requester',
  )
    .addHelpText('after', HELP)
    .action(
      withErrors(ctx, async (file: string, raw: unknown) => {
        const opts = parseOrThrow(optionsSchema, raw, 'options');
        const say = (line: string) => void (opts.json ? undefined : ctx.stderr.write(`  … ${line}\n`));
        const specFile = readJobSpecFile(resolve(ctx.cwd, file));
        const market = resolveJobMarket(ctx, opts);
        // Signed: a dataset upload is charged to the requester's quota.
        const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, opts), account: market.clients.account, timeoutMs: 60_000 });
        const posted = await submitJobSpec({
          file: specFile, client, chain: market.clients, jobMarket: market.jobMarket, deadline: opts.deadline, say,
          ...(opts.fee === undefined ? {} : { fee: parseGridAmount(opts.fee, 'fee') }),
        });
        const { specHash, gas, gflop, fee, deadline } = posted;
        const result = {
          jobId: posted.jobId.toString(), specHash, gas: gas.toString(), gflop: gflop.toString(), fee: fee.toString(),
          deadline: new Date(Number(deadline) * 1000).toISOString(), txHash: posted.txHash, requester: market.account,
        };
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify(result)}\n`);
        ctx.stdout.write(
          [
            `Posted job ${result.jobId} (tx ${posted.txHash}).`,
            `Spec      ${specHash}`,
            `Gas       ${formatGrid(gas)} (${gflop} GFLOP)`,
            `Fee       ${formatGrid(fee)}`,
            `Deadline  ${result.deadline}`,
            `Follow it with: tgrid job result ${result.jobId}`,
          ].join('\n') + '\n',
        );
      }),
    );
}
