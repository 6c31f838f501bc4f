import type { Abi, Address } from 'viem';
import { grantRole } from '../actions/access/grant-role';
import { sendContractTx } from '../actions/tx-receipt';
import { deployGridToken } from '../actions/deploy-grid-token';
import { deployFeeVault } from '../actions/fee-vault/deploy-fee-vault';
import { deployFixedPriceSwapAdapter } from '../actions/fee-vault/deploy-fixed-price-swap-adapter';
import { deployTestUsd } from '../actions/fee-vault/deploy-test-usd';
import { deployJobMarket } from '../actions/job-market/deploy-job-market';
import { deployLeases } from '../actions/leases/deploy-leases';
import { deployProofRegistry } from '../actions/proof-registry/deploy-proof-registry';
import { deployRewards } from '../actions/rewards/deploy-rewards';
import { grantRewardsMinter } from '../actions/rewards/grant-rewards-minter';
import { deployStaking } from '../actions/staking/deploy-staking';
import type { WalletChainClients } from '../clients';
import { mapChainError } from '../errors/map-revert';
import { feeVaultAbi, fixedPriceSwapAdapterAbi, gridTokenAbi, leasesAbi } from '../generated/artifacts';

/** Every contract of a Tensorgrid network, by name. */
export interface NetworkContracts {
  GridToken: Address;
  TestUSD: Address;
  Staking: Address;
  FeeVault: Address;
  FixedPriceSwapAdapter: Address;
  Leases: Address;
  Rewards: Address;
  ProofRegistry: Address;
  JobMarket: Address;
}

/** Parameters of {@link deployNetwork}. */
export interface DeployNetworkParams {
  /** Holds every admin role and receives the 500M genesis GRID (the treasury). */
  admin: Address;
  /** The coordinator's chain account: posts usage, roots and verdicts, registers devices, slashes. */
  oracle: Address;
  /** GRID per TestUSD the devnet swap adapter pays. @default 10 */
  gridPerUsd?: bigint;
  /** GRID the adapter holds for buybacks (from the treasury). @default 1,000,000 GRID */
  adapterGrid?: bigint;
}

/**
 * Deploys a whole network (the devnet's) and wires it: Rewards mints GRID; the oracle
 * registers devices and slashes on Staking, settles Leases, posts Rewards roots and proofs,
 * runs FeeVault buybacks, and registers nodes' workers, posts verdicts and referees
 * disputes on JobMarket (all one account on the devnet); Leases may slash (SLA penalties)
 * and accepts TestUSD; the
 * FeeVault buys back through the fixed-price adapter. Each step waits for its receipt.
 * @param clients - wallet clients of the admin account
 * @param params - admin, oracle and the adapter's price and float
 * @param onProgress - called after each step with a short description
 */
export async function deployNetwork(
  clients: WalletChainClients,
  params: DeployNetworkParams,
  onProgress: (step: string) => void = () => undefined,
): Promise<NetworkContracts> {
  const { admin, oracle } = params;
  const send = async (address: Address, call: { abi: Abi; functionName: string; args: readonly unknown[] }) => {
    try {
      await sendContractTx(clients, { address, ...call } as never, `${call.functionName} on ${address}`);
    } catch (err) {
      throw mapChainError(err, call.abi);
    }
  };
  const grant = (contract: Address, role: string, account: Address) => grantRole(clients, { contract, role, account });

  const GridToken = (await deployGridToken(clients, { treasury: admin, admin })).address;
  const TestUSD = (await deployTestUsd(clients)).address;
  onProgress('GridToken, TestUSD');

  const Staking = (await deployStaking(clients, { token: GridToken, admin })).address;
  for (const role of ['REGISTRAR_ROLE', 'SLASHER_ROLE']) await grant(Staking, role, oracle);
  for (const role of ['MULTIPLIER_ROLE', 'APPEALS_ROLE']) await grant(Staking, role, admin);
  onProgress('Staking');

  const FeeVault = (await deployFeeVault(clients, { grid: GridToken, admin })).address;
  const FixedPriceSwapAdapter = (await deployFixedPriceSwapAdapter(clients, { grid: GridToken, admin })).address;
  // price: GRID base units per TestUSD base unit, ×1e18 (GRID has 18 decimals, TestUSD 6)
  await send(FixedPriceSwapAdapter, { abi: fixedPriceSwapAdapterAbi, functionName: 'setPrice', args: [TestUSD, (params.gridPerUsd ?? 10n) * 10n ** 12n * 10n ** 18n] });
  await send(GridToken, { abi: gridTokenAbi, functionName: 'transfer', args: [FixedPriceSwapAdapter, params.adapterGrid ?? 1_000_000n * 10n ** 18n] });
  await send(FeeVault, { abi: feeVaultAbi, functionName: 'setSwapAdapter', args: [FixedPriceSwapAdapter] });
  await grant(FeeVault, 'KEEPER_ROLE', oracle);
  onProgress('FeeVault, FixedPriceSwapAdapter');

  const Leases = (await deployLeases(clients, { grid: GridToken, feeVault: FeeVault, staking: Staking, admin })).address;
  await grant(Leases, 'ORACLE_ROLE', oracle);
  await grant(Staking, 'SLASHER_ROLE', Leases);
  await send(Leases, { abi: leasesAbi, functionName: 'setPayToken', args: [TestUSD, true] });
  onProgress('Leases');

  const Rewards = (await deployRewards(clients, { token: GridToken, staking: Staking, admin, oracle })).address;
  await grantRewardsMinter(clients, { token: GridToken, rewards: Rewards });
  const ProofRegistry = (await deployProofRegistry(clients, { admin, oracle })).address;
  onProgress('Rewards, ProofRegistry');

  const JobMarket = (await deployJobMarket(clients, { token: GridToken, admin })).address;
  for (const role of ['ORACLE_ROLE', 'VERIFIER_ROLE', 'REFEREE_ROLE']) await grant(JobMarket, role, oracle);
  onProgress('JobMarket');

  return { GridToken, TestUSD, Staking, FeeVault, FixedPriceSwapAdapter, Leases, Rewards, ProofRegistry, JobMarket };
}
