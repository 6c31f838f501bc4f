import { CONTRACTS_SOURCE_HASH, CONTRACTS_SRC_DIR, compileContracts, createChainClients, deployGridToken, hasCode, ANVIL_DEV_KEYS } from '@tensorgrid/chain';
import { BaseError } from '@tensorgrid/protocol';

/** The devnet's contracts, by name. */
export type ContractAddresses = Record<string, `0x${string}`>;

/** What {@link prepareContracts} did. */
export interface PreparedContracts {
  contracts: ContractAddresses;
  /** True when the contracts of the previous run were still on the chain. */
  reused: boolean;
}

/**
 * Compiles the contracts with solc (refusing stale generated artifacts), then reuses the
 * previous run's deployment when the chain still holds it, or deploys afresh.
 * @param params - RPC URL, chain id and the previous run's addresses
 * @throws {BaseError} CONFIG_INVALID when contracts/src changed since `npm run contracts:build`
 */
export async function prepareContracts(params: { rpcUrl: string; chainId: number; previous?: ContractAddresses }): Promise<PreparedContracts> {
  const compiled = await compileContracts({ contractsDir: CONTRACTS_SRC_DIR });
  if (compiled.sourceHash !== CONTRACTS_SOURCE_HASH) {
    throw new BaseError('CONFIG_INVALID', 'contracts/src changed since the typed artifacts were generated', {
      details: 'Run `npm run contracts:build`, then start the devnet again.',
    });
  }
  const clients = createChainClients({ rpcUrl: params.rpcUrl, chainId: params.chainId, privateKey: ANVIL_DEV_KEYS[0], pollingIntervalMs: 50 });
  const previous = params.previous?.GridToken;
  if (previous && (await hasCode(clients.publicClient, previous))) {
    return { contracts: { GridToken: previous }, reused: true };
  }
  const admin = clients.account.address;
  const token = await deployGridToken(clients, { treasury: admin, admin });
  return { contracts: { GridToken: token.address }, reused: false };
}
