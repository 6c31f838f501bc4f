import { BaseError } from '@tensorgrid/protocol';
import { createCoordinatorClient, getJob, type CoordinatorClient } from '@tensorgrid/sdk';
import { loadVerifierJob, type VerifierJob } from '@tensorgrid/verifier';
import { resolveJobMarket, type JobMarketFlags, type ResolvedJobMarket } from '../../chain/resolve-job-market';
import type { CliContext } from '../../context';
import { resolveCoordinatorUrl } from '../../resolve-coordinator';

/** What a whistleblower's command works with: its chain account, a coordinator client signing with it, and the job loaded as the referee will. */
export interface WhistleblowerJob {
  market: ResolvedJobMarket;
  client: CoordinatorClient;
  job: VerifierJob;
}

/**
 * Resolves the whistleblower's JobMarket and key and loads the job as a verifier or the
 * referee does (spec, data, trainer, commitment, mode), for `tgrid job dispute` and `audit`.
 * @param ctx - the CLI context
 * @param id - the job id (validated)
 * @param flags - the command's JobMarket and coordinator flags
 * @throws BaseError VALIDATION_FAILED when the job cannot be loaded (the referee could not judge it either)
 */
export async function loadWhistleblowerJob(ctx: CliContext, id: string, flags: JobMarketFlags): Promise<WhistleblowerJob> {
  const market = resolveJobMarket(ctx, flags);
  const client = createCoordinatorClient({ url: resolveCoordinatorUrl(ctx, flags), account: market.clients.account, timeoutMs: 60_000 });
  const loaded = await loadVerifierJob({ coordinator: client, publicClient: market.clients.publicClient }, await getJob(client, { id }));
  if (loaded.kind === 'skip') throw new BaseError('VALIDATION_FAILED', `Job ${id} cannot be checked: ${loaded.why}`, { details: 'The referee needs the job\'s spec and data too; a dispute would fail.' });
  return { market, client, job: loaded.job };
}
