import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, CONTRACTS_SOURCE_HASH, CONTRACTS_SRC_DIR, compileContracts, createChainClients, deployNetwork, grantRole, hasCode, type NetworkContracts } from '@tensorgrid/chain';
import { BaseError } from '@tensorgrid/protocol';
import { erc20Abi, getAddress, keccak256, toHex, type Hex } from 'viem';

/** The devnet's contracts, by name. */
export type ContractAddresses = Record<string, `0x${string}`>;

/** What {@link prepareContracts} did. */
export interface PreparedContracts {
  contracts: ContractAddresses;
  /** True when the contracts of the previous run were still on the chain, built from the same sources. */
  reused: boolean;
  /** The sources the contracts were built from (`CONTRACTS_SOURCE_HASH`), for the next run to compare. */
  sourceHash: string;
  /** The first block of the deployment: no contract of it existed before, so event scans start here. */
  deployBlock: number;
}

/** The devnet's accounts: anvil's first key is the admin and treasury, the second the coordinator's oracle. */
export const DEVNET_ADMIN = ANVIL_DEV_ADDRESSES[0]!;
export const DEVNET_ORACLE = ANVIL_DEV_ADDRESSES[1]!;
/** The oracle's key: the devnet's coordinator posts reward roots with it. */
export const DEVNET_ORACLE_KEY = ANVIL_DEV_KEYS[1]!;
/** The devnet's verifier agent: its own account (not the oracle's, so their transactions never race for nonces), with VERIFIER_ROLE. */
export const DEVNET_VERIFIER_KEY = ANVIL_DEV_KEYS[8]!;
/** The devnet's referee: resolves contested rejections (REFEREE_ROLE), its own account too. */
export const DEVNET_REFEREE_KEY = ANVIL_DEV_KEYS[7]!;
/** A devnet account beyond anvil's ten: its key derived from a label (the devnet funds it). */
const derivedDevnetKey = (label: string): Hex => keccak256(toHex(`tensorgrid/devnet/${label}`));
/**
 * The canary bot's requesters (also its whistleblowers) and its nodes: each canary draws one of
 * each, so no one account marks the canaries. No account is in both (a job's node may not
 * dispute it). The first node key seeds the planted steps, as on devnets before the pools.
 */
export const DEVNET_CANARY_KEYS: readonly Hex[] = [ANVIL_DEV_KEYS[5]!, derivedDevnetKey('canary/requester/1')];
export const DEVNET_CANARY_NODE_KEYS: readonly Hex[] = [ANVIL_DEV_KEYS[6]!, derivedDevnetKey('canary/node/1'), derivedDevnetKey('canary/node/2')];
/**
 * GRID the devnet's verifier gets for its bond. Each verdict locks 1,000 GRID until its job
 * closes, a day later: 20 million covers the 20,000 verdicts of about two days of the devnet's
 * job flow (a job every 7 to 10 s on a 2-core machine), while closed jobs free their bond and pay their fees.
 */
const DEVNET_VERIFIER_GRID = 20_000_000n * 10n ** 18n;

/**
 * Compiles the contracts with solc (refusing stale generated artifacts), then reuses the
 * previous run's deployment when the chain still holds every contract of it and it was built
 * from the same sources (a changed contract, e.g. a new view the coordinator calls, needs a
 * new deployment), or deploys and wires the whole network afresh.
 * @param params - RPC URL, chain id and the previous run's addresses, deployment block and source hash
 * @throws {BaseError} CONFIG_INVALID when contracts/src changed since `npm run contracts:build`
 */
export async function prepareContracts(params: { rpcUrl: string; chainId: number; previous?: { contracts: ContractAddresses; deployBlock?: number; sourceHash?: string } }): Promise<PreparedContracts> {
  const compiled = await compileContracts({ contractsDir: CONTRACTS_SRC_DIR });
  if (compiled.sourceHash !== CONTRACTS_SOURCE_HASH) {
    throw new BaseError('CONFIG_INVALID', 'contracts/src changed since the typed artifacts were generated', {
      details: 'Run `npm run contracts:build`, then start the devnet again.',
    });
  }
  const clients = createChainClients({ rpcUrl: params.rpcUrl, chainId: params.chainId, privateKey: ANVIL_DEV_KEYS[0]!, pollingIntervalMs: 20 });
  const previous = params.previous?.contracts ?? {};
  const names: (keyof NetworkContracts)[] = ['GridToken', 'TestUSD', 'Staking', 'FeeVault', 'FixedPriceSwapAdapter', 'Leases', 'Rewards', 'ProofRegistry', 'JobMarket'];
  const stillThere = await Promise.all(names.map((name) => (previous[name] ? hasCode(clients.publicClient, previous[name]) : false)));
  // A devnet.json from before deployment blocks were recorded has none: scan from genesis.
  const sourceHash = CONTRACTS_SOURCE_HASH;
  if (stillThere.every(Boolean) && params.previous?.sourceHash === sourceHash) return { contracts: previous, reused: true, deployBlock: params.previous.deployBlock ?? 0, sourceHash };
  // Every transaction mines its own block on anvil: the first deployment lands in the next one.
  const deployBlock = Number(await clients.publicClient.getBlockNumber({ cacheTime: 0 })) + 1;
  const contracts = await deployNetwork(clients, { admin: DEVNET_ADMIN, oracle: DEVNET_ORACLE });
  const verifier = ANVIL_DEV_ADDRESSES[8]!;
  await grantRole(clients, { contract: contracts.JobMarket, role: 'VERIFIER_ROLE', account: verifier });
  await grantRole(clients, { contract: contracts.JobMarket, role: 'REFEREE_ROLE', account: ANVIL_DEV_ADDRESSES[7]! });
  const hash = await clients.walletClient.writeContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [verifier, DEVNET_VERIFIER_GRID] });
  await clients.publicClient.waitForTransactionReceipt({ hash });
  return { contracts: Object.fromEntries(Object.entries(contracts).map(([name, address]) => [name, getAddress(address)])), reused: false, deployBlock, sourceHash };
}
