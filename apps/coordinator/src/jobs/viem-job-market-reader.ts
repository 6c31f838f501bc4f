import { readJob, readJobMarketEvents, type ChainClients } from '@tensorgrid/chain';
import { BlockNotFoundError, zeroAddress, zeroHash, type Address } from 'viem';
import type { JobMarketReader } from './core/job-market-reader';

/**
 * The JobMarket read over viem. Zero addresses and hashes become null (evidence is null only
 * while no whistleblower disputed the job); a passing verdict's
 * day stays the contract's day number (days since the Unix epoch).
 * @param deps - a public client and the market's address
 */
export function createViemJobMarketReader(deps: { clients: ChainClients; market: Address }): JobMarketReader {
  const { publicClient } = deps.clients;
  const address = deps.market;
  const orNull = (value: string, zero: string) => (value.toLowerCase() === zero ? null : value.toLowerCase());
  return {
    contract: address.toLowerCase(),
    head: async () => Number(await publicClient.getBlockNumber({ cacheTime: 0 })),
    async blockHash(block) {
      try {
        return (await publicClient.getBlock({ blockNumber: BigInt(block) })).hash.toLowerCase();
      } catch (err) {
        if (err instanceof BlockNotFoundError) return undefined;
        throw err;
      }
    },
    async events(from, to) {
      const events = await readJobMarketEvents(publicClient, { address, fromBlock: BigInt(from), toBlock: BigInt(to) });
      return events.map((e) => ({ ...e, block: Number(e.block) }));
    },
    async job(jobId, atBlock) {
      const j = await readJob(publicClient, { address, jobId, blockNumber: BigInt(atBlock) });

      return {
        jobId,
        state: j.state,
        requester: j.requester.toLowerCase(),
        node: orNull(j.node, zeroAddress),
        verifier: orNull(j.verifier, zeroAddress),
        whistleblower: orNull(j.whistleblower, zeroAddress),
        specHash: j.specHash.toLowerCase(),
        resultRoot: orNull(j.resultRoot, zeroHash),
        // Disputing step 0 names it with the zero hash: evidence is whatever a whistleblower gave.
        evidence: j.whistleblower === zeroAddress ? null : j.evidence.toLowerCase(),
        fee: j.fee,
        gas: j.gas,
        deposit: j.deposit,
        bond: j.bond,
        deadline: Number(j.deadline),
        challengeEndsAt: j.challengeEndsAt > 0n ? Number(j.challengeEndsAt) : null,
        // Only a pass records a day (a rejection opens its window too, but earns no shares).
        verdictDay: j.verdictDay > 0n ? Number(j.verdictDay) : null,
      };
    },
  };
}
