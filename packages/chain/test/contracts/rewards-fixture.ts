import { createTestClient, http, type Abi, type Address, type ContractFunctionArgs, type ContractFunctionName, type Hex, type TransactionReceipt } from 'viem';
import { ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS } from '../../src/anvil/dev-keys';
import { startAnvil, type AnvilInstance } from '../../src/anvil/start-anvil';
import { createChainClients, type WalletChainClients } from '../../src/clients';
import { deployGridToken } from '../../src/actions/deploy-grid-token';
import { deployRewards } from '../../src/actions/rewards/deploy-rewards';
import { grantRewardsMinter } from '../../src/actions/rewards/grant-rewards-minter';
import { mapChainError } from '../../src/errors/map-revert';
import { staticStakingSplitAbi, staticStakingSplitBytecode } from '../../src/generated/artifacts';

/** 1 GRID in base units. */
export const GRID = 10n ** 18n;
/** The job-share rate the fixture deploys Rewards with. */
export const JOB_SHARE_BPS = 1_000;

/** A chain with GRID, a fake Staking and Rewards (MINTER_ROLE granted), and snapshot helpers. */
export interface RewardsFixture {
  anvil: AnvilInstance;
  /** Account 0: admin of everything and the deployer. */
  admin: WalletChainClients;
  /** Account 1: ORACLE_ROLE on Rewards. */
  oracle: WalletChainClients;
  /** Account 2: a stranger who triggers claims and tries restricted calls. */
  stranger: WalletChainClients;
  /** Account 9: GRID's genesis treasury. */
  treasury: Address;
  token: Address;
  staking: Address;
  rewards: Address;
  test: ReturnType<typeof createTestClient>;
  /** Reverts to the state right after the fixture was built (and keeps it for next time). */
  reset(): Promise<void>;
  /** Makes the current state the one `reset` returns to. */
  checkpoint(): Promise<void>;
  /** Moves chain time forward. */
  advance(seconds: number): Promise<void>;
  /** Latest block's timestamp. */
  now(): Promise<bigint>;
  close(): Promise<void>;
}

/**
 * Starts anvil and deploys GridToken, StaticStakingSplit and Rewards.
 * @param jobShareBps - the Rewards job-share rate
 * @param advanceSeconds - chain time moved forward after deployment, before the snapshot (3 days by default,
 *   so blocks 0-71 and the genesis day's UTC days have ended)
 */
export async function createRewardsFixture(jobShareBps = JOB_SHARE_BPS, advanceSeconds = 3 * 86_400): Promise<RewardsFixture> {
  const anvil = await startAnvil();
  const base = { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, pollingIntervalMs: 20 };
  const [k0, k1, k2] = ANVIL_DEV_KEYS;
  const admin = createChainClients({ ...base, privateKey: k0 });
  const oracle = createChainClients({ ...base, privateKey: k1 });
  const stranger = createChainClients({ ...base, privateKey: k2 });
  const treasury = ANVIL_DEV_ADDRESSES[9];
  const test = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl), chain: admin.chain });

  const token = (await deployGridToken(admin, { treasury, admin: admin.account.address })).address;
  const stakingTx = await admin.walletClient.deployContract({ abi: staticStakingSplitAbi, bytecode: staticStakingSplitBytecode });
  const staking = (await admin.publicClient.waitForTransactionReceipt({ hash: stakingTx })).contractAddress as Address;
  const rewards = (await deployRewards(admin, { token, staking, admin: admin.account.address, oracle: oracle.account.address, jobShareBps })).address;
  await grantRewardsMinter(admin, { token, rewards });

  await test.increaseTime({ seconds: advanceSeconds });
  await test.mine({ blocks: 1 });
  let snapshot = await test.snapshot();
  return {
    anvil,
    admin,
    oracle,
    stranger,
    treasury,
    token,
    staking,
    rewards,
    test,
    async reset() {
      await test.revert({ id: snapshot });
      snapshot = await test.snapshot();
    },
    async checkpoint() {
      snapshot = await test.snapshot();
    },
    async advance(seconds) {
      await test.increaseTime({ seconds });
      await test.mine({ blocks: 1 });
    },
    async now() {
      return (await admin.publicClient.getBlock()).timestamp;
    },
    close: () => anvil.stop(),
  };
}

/**
 * Simulates then sends a contract call and returns the receipt (throws what simulation threw).
 * @param clients - the sender
 * @param call - address, abi, function and args
 */
export async function send<const abi extends Abi, name extends ContractFunctionName<abi, 'nonpayable' | 'payable'>>(
  clients: WalletChainClients,
  call: { address: Address; abi: abi; functionName: name; args: ContractFunctionArgs<abi, 'nonpayable' | 'payable', name> },
): Promise<TransactionReceipt> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- viem's generic simulate/write parameters do not narrow through a wrapper
  const { request } = await clients.publicClient.simulateContract({ ...(call as any), account: clients.account });
  const hash = await clients.walletClient.writeContract(request);
  return clients.publicClient.waitForTransactionReceipt({ hash });
}

/**
 * The custom error a promise rejected with (decoded with `abi`), or undefined when it resolved.
 * @param promise - a contract call
 * @param abi - the ABI holding the error
 */
export async function revertOf(promise: Promise<unknown>, abi: Abi): Promise<{ name: string | undefined; args: unknown[] } | undefined> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err === undefined) return undefined;
  const mapped = mapChainError(err, abi);
  return { name: mapped.data.errorName as string | undefined, args: (mapped.data.args as unknown[] | undefined) ?? [] };
}

/**
 * Sets a device's split on the fake Staking.
 * @param fx - the fixture
 * @param split - device, owner, share and co-stakers
 */
export async function setSplit(
  fx: RewardsFixture,
  split: { device: Hex; owner: Address; shareBps: number; coStakers?: Address[]; coStakes?: bigint[] },
): Promise<void> {
  await send(fx.admin, {
    address: fx.staking,
    abi: staticStakingSplitAbi,
    functionName: 'setSplit',
    args: [split.device, split.owner, split.shareBps, split.coStakers ?? [], split.coStakes ?? []],
  });
}
