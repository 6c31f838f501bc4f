/** The JobMarket part of `npm run bench:gas` (filled in when JobMarket lands). */
import type { Address } from 'viem';
import type { WalletChainClients } from '../src/clients';

/**
 * Gas of the job market's operations.
 * @param _accounts - admin, oracle, node (supplier) and requester (buyer) clients
 * @param _grid - the GRID token
 */
export async function benchJobMarket(_accounts: Record<'admin' | 'oracle' | 'supplier' | 'buyer', WalletChainClients>, _grid: Address): Promise<[string, bigint][]> {
  return [];
}
