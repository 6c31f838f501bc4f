import { rewardAccountResponseSchema, type RewardAccountResponse } from '@tensorgrid/protocol';
import type { CoordinatorClient } from '../client';
import { queryString } from './query-string';

/** Parameters of {@link getRewardAccount}. */
export interface GetRewardAccountParams {
  /** The payee (a device's owner on Staking) or a device id. */
  address: string;
  /** Page size. @default 100 */
  limit?: number;
  /** Only blocks below this one (the previous page's `next`). */
  before?: number;
}
/** Result of {@link getRewardAccount}. */
export type GetRewardAccountResult = RewardAccountResponse;

/**
 * What an account earned (with proofs and claim status) and missed (with the failed criteria), newest block first.
 * @param client - a coordinator client
 * @param params - the account and paging
 */
export function getRewardAccount(client: CoordinatorClient, params: GetRewardAccountParams): Promise<GetRewardAccountResult> {
  return client.request({ method: 'GET', path: `/v1/rewards/accounts/${params.address}${queryString({ limit: params.limit, before: params.before })}`, response: rewardAccountResponseSchema });
}

/**
 * Every leaf an account earned, all pages (newest block first), following `next` until the
 * last page: what `tgrid rewards claim --all` claims from. Misses are left out (they are only
 * explained, never claimed).
 * @param client - a coordinator client
 * @param params - the account, the page size (@default 1000) and, optionally, the newest block to include (`before`)
 */
export async function getAllRewardEarnings(client: CoordinatorClient, params: Omit<GetRewardAccountParams, 'limit'> & { pageSize?: number }): Promise<RewardAccountResponse['earned']> {
  const earned = new Map<string, RewardAccountResponse['earned'][number]>();
  let before = params.before;
  do {
    const page = await getRewardAccount(client, { address: params.address, limit: params.pageSize ?? 1000, ...(before === undefined ? {} : { before }) });
    // A page that one block of misses filled ends at that block: the next repeats the leaves below it.
    for (const leaf of page.earned) earned.set(`${leaf.block}:${leaf.pool}:${leaf.deviceId}`, leaf);
    before = page.next ?? undefined;
  } while (before !== undefined);
  return [...earned.values()];
}
