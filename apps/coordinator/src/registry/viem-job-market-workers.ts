import { jobMarketCallAbi, setWorkers, type WalletChainClients } from '@tensorgrid/chain';
import type { Address } from 'viem';
import type { JobMarketWorkers } from './device-chain-registrar';

/**
 * The JobMarket's worker counts over viem, sending with the coordinator's oracle key (ORACLE_ROLE).
 * @param params - clients (with the oracle's wallet) and the JobMarket address
 */
export function createViemJobMarketWorkers(params: { clients: Pick<WalletChainClients, 'publicClient' | 'walletClient'>; jobMarket: Address }): JobMarketWorkers {
  return {
    async workersOf(node) {
      return Number(await params.clients.publicClient.readContract({ address: params.jobMarket, abi: jobMarketCallAbi, functionName: 'workersOf', args: [node as Address] }));
    },
    async setWorkers(input) {
      await setWorkers(params.clients, { address: params.jobMarket, node: input.node as Address, workers: input.workers });
    },
  };
}
