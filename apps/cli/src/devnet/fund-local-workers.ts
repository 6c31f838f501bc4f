import { ANVIL_DEV_KEYS, createChainClients } from '@tensorgrid/chain';
import { createTestClient, erc20Abi, http, parseEther, type Address } from 'viem';
import { foundry } from 'viem/chains';

/** What a devnet gives each local worker to pay gas and stake with. */
export const DEVNET_WORKER_FUNDS = { eth: parseEther('100'), grid: 10_000n * 10n ** 18n } as const;

/**
 * Devnet only: tops up the local workers' accounts so their owners can stake on them at once
 * (`tgrid stake … --key-file <worker.key>`): ETH for gas (set directly on anvil) and GRID
 * from the devnet's treasury (anvil key 0). Accounts that still hold at least half are left
 * alone, so a restart does not drain the treasury.
 * @param params - chain, GRID token and the workers' addresses
 * @returns the workers that were topped up
 */
export async function fundLocalWorkers(params: { rpcUrl: string; chainId: number; gridToken: Address; workers: readonly Address[] }): Promise<Address[]> {
  const treasury = createChainClients({ rpcUrl: params.rpcUrl, chainId: params.chainId, privateKey: ANVIL_DEV_KEYS[0]!, pollingIntervalMs: 50 });
  const anvil = createTestClient({ chain: { ...foundry, id: params.chainId }, mode: 'anvil', transport: http(params.rpcUrl) });
  const funded: Address[] = [];
  for (const worker of params.workers) {
    let topped = false;
    if ((await treasury.publicClient.getBalance({ address: worker })) < DEVNET_WORKER_FUNDS.eth / 2n) {
      await anvil.setBalance({ address: worker, value: DEVNET_WORKER_FUNDS.eth });
      topped = true;
    }
    const grid = await treasury.publicClient.readContract({ address: params.gridToken, abi: erc20Abi, functionName: 'balanceOf', args: [worker] });
    if (grid < DEVNET_WORKER_FUNDS.grid / 2n) {
      const hash = await treasury.walletClient.writeContract({ address: params.gridToken, abi: erc20Abi, functionName: 'transfer', args: [worker, DEVNET_WORKER_FUNDS.grid - grid] });
      await treasury.publicClient.waitForTransactionReceipt({ hash });
      topped = true;
    }
    if (topped) funded.push(worker);
  }
  return funded;
}
