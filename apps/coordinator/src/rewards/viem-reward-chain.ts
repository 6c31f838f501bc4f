import {
  POOL_NUMBER, rewardBlockWindow, type DevicePool,
} from '@tensorgrid/domain';
import {
  accountBeneficiary, isRewardClaimed, mapContractError, mapStakingError, postRewardRoot, readCoStakedDevices, readLowestStake, readMinimumStakeAt, readRewardPayouts, readRewardSplitAt, REWARDS_ERROR_CODES, rewardsAbi, stakingAbi,
  type WalletChainClients,
} from '@tensorgrid/chain';
import { getAddress, zeroAddress, type Address, type Hex } from 'viem';
import type { RewardChain } from './core/reward-chain';
import { readPostedRoot } from './read-posted-root';

/** Where Rewards and Staking live, and who posts. */
export interface ViemRewardChainParams {
  clients: Pick<WalletChainClients, 'publicClient' | 'walletClient'>;
  rewards: Address;
  staking: Address;
  /** The block the contracts were deployed at: event scans start there. @default 0n */
  fromBlock?: bigint;
  /** Blocks per `eth_getLogs` call of a scan. @default DEFAULT_LOG_PAGE_BLOCKS */
  pageBlocks?: number;
}

/**
 * The {@link RewardChain} port over viem: reads Rewards and Staking, posts roots with the
 * wallet's key (it must hold Rewards' ORACLE_ROLE: anvil key 1 on the devnet).
 * @param params - clients and contract addresses
 */
export function createViemRewardChain(params: ViemRewardChainParams): RewardChain {
  const { clients, rewards, staking } = params;
  const scan = { fromBlock: params.fromBlock ?? 0n, pageBlocks: params.pageBlocks };
  const { publicClient } = clients;
  let genesis: Promise<number> | undefined;
  /** A read whose revert maps by Rewards' error table (or another contract's). */
  const read = async <T>(fn: () => Promise<T>, mapError = (err: unknown) => mapContractError(err, rewardsAbi, REWARDS_ERROR_CODES)): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw mapError(err);
    }
  };

  const genesisMs = (): Promise<number> => {
    genesis ??= read(() => publicClient.readContract({ address: rewards, abi: rewardsAbi, functionName: 'genesis' })).then((s) => Number(s) * 1000);
    genesis.catch(() => (genesis = undefined));
    return genesis;
  };

  return {
    genesisMs,
    async allowances(block) {
      const of = (pool: DevicePool) => read(() => publicClient.readContract({ address: rewards, abi: rewardsAbi, functionName: 'allowanceOf', args: [BigInt(block), POOL_NUMBER[pool]] }));
      const [gpu, cpu] = await Promise.all([of('gpu'), of('cpu')]);
      return { gpu, cpu };
    },
    async stakeOf(deviceId, window) {
      const device = accountBeneficiary(deviceId as Address);
      const fromSeconds = BigInt(Math.floor(window.fromMs / 1_000));
      // The lowest stake over the block against the minimum in force when it began.
      const [info, minimum, lowest] = await Promise.all([
        read(() => publicClient.readContract({ address: staking, abi: stakingAbi, functionName: 'deviceInfo', args: [device] }), mapStakingError),
        readMinimumStakeAt(publicClient, { staking, device, atSeconds: fromSeconds }),
        readLowestStake(publicClient, { staking, device, fromSeconds, toSeconds: BigInt(Math.ceil(window.toMs / 1_000)) }),
      ]);
      const owner = info.owner === zeroAddress ? null : info.owner.toLowerCase();
      return { owner, active: lowest, minimum, meetsMinimum: owner !== null && lowest >= minimum };
    },
    postedRoot(block, pool) {
      return readPostedRoot(clients, { rewards, epoch: BigInt(block), pool: POOL_NUMBER[pool], ...scan });
    },
    async postRoot({ block, pool, root, total }) {
      const { txHash } = await postRewardRoot(clients, { address: rewards, epoch: BigInt(block), pool: POOL_NUMBER[pool], root: root as Hex, total });
      return { txHash };
    },
    isClaimed(leaf) {
      return isRewardClaimed(clients, { address: rewards, epoch: BigInt(leaf.block), pool: POOL_NUMBER[leaf.pool], beneficiary: leaf.beneficiary as Hex, amount: leaf.amount });
    },
    async splitOf(deviceId, block) {
      const atSeconds = BigInt(rewardBlockWindow(block, await genesisMs()).fromMs / 1_000);
      const s = await readRewardSplitAt(publicClient, { staking, device: accountBeneficiary(deviceId as Address), atSeconds });
      if (s.owner === zeroAddress) return null;
      return { owner: s.owner.toLowerCase(), shareBps: s.shareBps, coStakers: s.coStakers.map((c) => ({ account: c.account.toLowerCase(), amount: c.amount })) };
    },
    async coStakedDevices(account) {
      const devices = await readCoStakedDevices(publicClient, { staking, account: getAddress(account), ...scan });
      // Device ids are addresses padded to bytes32 (accountBeneficiary); anything else is not a worker's.
      return devices.filter((d) => /^0x0{24}[0-9a-f]{40}$/.test(d)).map((d) => `0x${d.slice(26)}`);
    },
    async payoutsOf(deviceId) {
      const paid = await readRewardPayouts(clients, { address: rewards, beneficiary: accountBeneficiary(deviceId as Address), ...scan });
      return paid.filter((p) => p.pool === POOL_NUMBER.gpu || p.pool === POOL_NUMBER.cpu).map((p) => ({ block: Number(p.epoch), pool: p.pool === POOL_NUMBER.gpu ? 'gpu' as const : 'cpu' as const, to: p.to, amount: p.amount }));
    },
  };
}
