import { expireUnverifiedJob, readJob, timeoutJob, type ReadJobResult } from '@tensorgrid/chain';
import { BaseError, jobIdSchema, parseOrThrow } from '@tensorgrid/protocol';
import { Command } from 'commander';
import { formatGrid } from '../../chain/parse-grid-amount';
import { jobMarketFlagsSchema, withJobMarketOptions } from '../../chain/job-market-options';
import { resolveJobMarket } from '../../chain/resolve-job-market';
import type { CliContext } from '../../context';
import { withErrors } from '../../output/with-errors';

const HELP = `
A node that accepts a job must submit its result by the job's deadline. Once the deadline has
passed and the job is still accepted (the node went offline, or gave up), anyone may time it
out: the requester gets the whole fee back plus the timeout penalty taken from the node's
deposit, and the node gets the rest of its deposit. The job ends in state timed-out.

A submitted job that got no verdict within the market's verification window (no verifier took
it, or the one whose rejection was overturned may not judge it again) can be ended the same
way: nobody is at fault, so the fee goes back to the requester and the whole deposit to the
node. The job ends in state unverified.

The job is read on chain first: a job in another state, or whose deadline (or verification
window) is still ahead by the latest block's time, is refused before any transaction is sent.

Example:
  $ tgrid job timeout 12 --key-file requester.key
  $ tgrid job timeout 12 --json`;

/** A unix time in seconds as an ISO string. */
const iso = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString();

/**
 * `tgrid job timeout <id>`: times out an accepted job whose deadline has passed, refunding the
 * requester's fee with the node's penalty and the rest of the deposit to the node; or ends a
 * submitted job that got no verdict by its `verifyBy`, refunding the fee and the whole deposit.
 * @param ctx - the CLI context
 */
export function jobTimeoutCommand(ctx: CliContext): Command {
  return withJobMarketOptions(
    new Command('timeout')
      .description('Time out an accepted job whose deadline passed without a result (the fee and a penalty from the node\'s deposit go back to the requester), or a submitted one that got no verdict in time (fee and deposit refunded); anyone may call')
      .argument('<id>', 'the job id'),
    'the caller (any funded account; it pays the gas)',
  )
    .addHelpText('after', HELP)
    .action(
      withErrors(ctx, async (rawId: unknown, raw: unknown) => {
        const id = parseOrThrow(jobIdSchema, rawId, 'job id');
        const opts = parseOrThrow(jobMarketFlagsSchema, raw, 'options');
        const market = resolveJobMarket(ctx, opts);
        const { publicClient } = market.clients;
        const [job, block] = await Promise.all([readJob(publicClient, { address: market.jobMarket, jobId: BigInt(id) }), publicClient.getBlock()]);
        if (job.state === 'submitted') return expireUnverified(ctx, { id, job, now: block.timestamp, market, json: opts.json === true });
        if (job.state !== 'accepted') {
          throw new BaseError('JOB_WRONG_STATE', `Job ${id} is ${job.state}: only an accepted job, or a submitted one past its verification window, can be timed out`, {
            data: { jobId: id, state: job.state },
            details: job.state === 'posted' ? 'No node has accepted it: its requester may cancel it instead.' : 'See where it stands with `tgrid job result <id>`.',
          });
        }
        if (block.timestamp <= job.deadline) {
          const wait = job.deadline - block.timestamp + 1n;
          throw new BaseError('JOB_NOT_DUE', `Job ${id}'s deadline ${iso(job.deadline)} has not passed: it can be timed out after it (in ${wait} s by the chain's clock)`, {
            data: { jobId: id, deadline: iso(job.deadline), now: iso(block.timestamp) },
            details: 'Its node may still submit until then; retry after the deadline.',
          });
        }
        const r = await timeoutJob(market.clients, { address: market.jobMarket, jobId: BigInt(id) });
        const out = { jobId: id, state: 'timed-out', requester: job.requester, node: job.node, penalty: r.penalty.toString(), feeRefund: r.feeRefund.toString(), nodeRefund: r.nodeRefund.toString(), txHash: r.txHash, caller: market.account };
        if (opts.json) return void ctx.stdout.write(`${JSON.stringify(out)}\n`);
        ctx.stdout.write(
          `Timed out job ${id} (deadline ${iso(job.deadline)} passed without a result; tx ${r.txHash}).\n`
          + `  requester ${job.requester}: fee ${formatGrid(r.feeRefund)} back + penalty ${formatGrid(r.penalty)}\n`
          + `  node      ${job.node}: ${formatGrid(r.nodeRefund)} of its deposit back\n`
          + `The job is final; post it again with \`tgrid job submit <spec>\` to have it trained.\n`,
        );
      }),
    );
}

/** A submitted job with no verdict by its `verifyBy`: ended unverified, fee and deposit refunded. */
async function expireUnverified(ctx: CliContext, c: { id: string; job: ReadJobResult; now: bigint; market: ReturnType<typeof resolveJobMarket>; json: boolean }): Promise<void> {
  const { id, job, market } = c;
  if (c.now <= job.verifyBy) {
    throw new BaseError('JOB_NOT_DUE', `Job ${id} awaits a verdict until ${iso(job.verifyBy)}: it can be ended unverified after that (in ${job.verifyBy - c.now + 1n} s by the chain's clock)`, {
      data: { jobId: id, verifyBy: iso(job.verifyBy), now: iso(c.now) },
      details: 'A verifier may still judge it until then; retry after that time.',
    });
  }
  const r = await expireUnverifiedJob(market.clients, { address: market.jobMarket, jobId: BigInt(id) });
  const out = { jobId: id, state: 'unverified', requester: job.requester, node: job.node, penalty: '0', feeRefund: r.feeRefund.toString(), nodeRefund: r.nodeRefund.toString(), txHash: r.txHash, caller: market.account };
  if (c.json) return void ctx.stdout.write(`${JSON.stringify(out)}\n`);
  ctx.stdout.write(
    `Ended job ${id} unverified (no verdict by ${iso(job.verifyBy)}; tx ${r.txHash}).\n`
    + `  requester ${job.requester}: fee ${formatGrid(r.feeRefund)} back\n`
    + `  node      ${job.node}: its deposit ${formatGrid(r.nodeRefund)} back\n`
    + `The job is final; post it again with \`tgrid job submit <spec>\` to have it trained and verified.\n`,
  );
}
