import { createChainClients, jobMarketCallAbi, setWorkers } from '@tensorgrid/chain';
import type { Address, Hex } from 'viem';

/**
 * Devnet only: lets accounts that are not registered devices (the canary bot's nodes) take
 * JobMarket jobs by setting each one's worker count (how many jobs it may run at once) with
 * the oracle's key, which holds ORACLE_ROLE on the JobMarket. Registered devices get theirs
 * from the coordinator's device chain registrar. Accounts already allowed as many are left
 * alone. Call it before the coordinator starts: both send with the oracle key.
 * @param params - chain, market, the oracle's key, the workers and how many jobs each may run
 * @returns the workers whose count was set
 */
export async function enableLocalWorkerJobs(params: { rpcUrl: string; chainId: number; jobMarket: Address; oracleKey: Hex; workers: readonly Address[]; jobsEach: number }): Promise<Address[]> {
  const oracle = createChainClients({ rpcUrl: params.rpcUrl, chainId: params.chainId, privateKey: params.oracleKey, pollingIntervalMs: 50 });
  const set: Address[] = [];
  for (const node of params.workers) {
    const current = await oracle.publicClient.readContract({ address: params.jobMarket, abi: jobMarketCallAbi, functionName: 'workersOf', args: [node] });
    if (Number(current) >= params.jobsEach) continue;
    await setWorkers(oracle, { address: params.jobMarket, node, workers: params.jobsEach });
    set.push(node);
  }
  return set;
}
