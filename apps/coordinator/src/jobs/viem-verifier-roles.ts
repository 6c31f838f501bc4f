import { jobMarketCallAbi, type ChainClients } from '@tensorgrid/chain';
import { keccak256, toHex, type Address } from 'viem';
import type { Clock } from '../clock';
import type { VerifierRoles } from './job-challenge-routes';

const VERIFIER_ROLE = keccak256(toHex('VERIFIER_ROLE'));

/**
 * VERIFIER_ROLE on the JobMarket, read over viem and remembered for `cacheMs` per account,
 * so a busy verifier costs one RPC call a minute, not one per request.
 * @param deps - a public client, the market, the clock
 * @param cacheMs - how long an answer is reused @default 60_000
 */
export function createViemVerifierRoles(deps: { clients: ChainClients; market: Address; clock: Clock }, cacheMs = 60_000): VerifierRoles {
  const cache = new Map<string, { holds: boolean; until: number }>();
  return {
    async isVerifier(account) {
      const now = deps.clock.now();
      const hit = cache.get(account);
      if (hit && hit.until > now) return hit.holds;
      const holds = await deps.clients.publicClient.readContract({ address: deps.market, abi: jobMarketCallAbi, functionName: 'hasRole', args: [VERIFIER_ROLE, account as Address] });
      cache.set(account, { holds, until: now + cacheMs });
      return holds;
    },
  };
}
