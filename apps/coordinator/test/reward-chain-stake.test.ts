/**
 * The reward chain's view of a device's stake over a block (`stakeOf`), on a real anvil: the
 * lowest stake during the block held against the minimum in force when the block began, so a
 * class multiplier raised after a block leaves that block earned, and applies from the next
 * block that begins after it.
 */
import {
  accountBeneficiary, ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, approveStakingToken, createChainClients, deployNetwork, setClassMultiplier, setDevice, stake,
  type NetworkContracts, type WalletChainClients,
} from '@tensorgrid/chain';
import { createViemRewardChain, type RewardChain } from '@tensorgrid/coordinator';
import { withAnvil, type AnvilFixture } from '@tensorgrid/test-utils';
import { createTestClient, erc20Abi, http, keccak256, toHex, type Address } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const GRID = 10n ** 18n;
const CLASS = keccak256(toHex('gpu.test-class'));

describe('RewardChain.stakeOf on anvil', () => {
  let anvil: AnvilFixture;
  let admin: WalletChainClients;
  let supplier: WalletChainClients;
  let contracts: NetworkContracts;
  let chain: RewardChain;
  const device = ANVIL_DEV_ADDRESSES[2]!.toLowerCase() as Address;

  const chainNowMs = async () => Number((await admin.publicClient.getBlock()).timestamp) * 1000;
  const advance = async (seconds: number) => {
    const test = createTestClient({ chain: { ...foundry, id: anvil.chainId }, mode: 'anvil', transport: http(anvil.rpcUrl) });
    await test.increaseTime({ seconds });
    await test.mine({ blocks: 1 });
  };

  beforeAll(async () => {
    anvil = await withAnvil();
    admin = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[0]!, pollingIntervalMs: 20 });
    const oracle = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[1]!, pollingIntervalMs: 20 });
    supplier = createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[2]!, pollingIntervalMs: 20 });
    contracts = await deployNetwork(admin, { admin: ANVIL_DEV_ADDRESSES[0]!, oracle: ANVIL_DEV_ADDRESSES[1]! });
    chain = createViemRewardChain({ clients: oracle, rewards: contracts.Rewards, staking: contracts.Staking });
    await setDevice(oracle, { staking: contracts.Staking, device: accountBeneficiary(device), owner: device, hardwareClass: CLASS });
    const tx = await admin.walletClient.writeContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [device, 200n * GRID] });
    await admin.publicClient.waitForTransactionReceipt({ hash: tx });
    await approveStakingToken(supplier, contracts.Staking, 200n * GRID);
    await stake(supplier, { staking: contracts.Staking, device: accountBeneficiary(device), amount: 200n * GRID });
  }, 120_000);

  afterAll(async () => {
    await anvil?.stop();
  });

  it('holds a block against the minimum when it began: a multiplier raised after the block leaves it met, and applies to blocks that begin after it', async () => {
    const fromMs = (await chainNowMs()) + 60_000;
    const ended = { fromMs, toMs: fromMs + 3_600_000 };
    await advance(2 * 3_600);
    await setClassMultiplier(admin, { staking: contracts.Staking, hardwareClass: CLASS, multiplierBps: 20_000 }); // 400 GRID from now on
    const after = { fromMs: (await chainNowMs()) + 1_000, toMs: (await chainNowMs()) + 3_601_000 };
    await advance(2 * 3_600);

    expect(await chain.stakeOf(device, ended)).toEqual({ owner: device, active: 200n * GRID, minimum: 200n * GRID, meetsMinimum: true });
    expect(await chain.stakeOf(device, after)).toEqual({ owner: device, active: 200n * GRID, minimum: 400n * GRID, meetsMinimum: false });
  });

  it('reports a device Staking never recorded as ownerless, below the base minimum', async () => {
    const nowMs = await chainNowMs();
    expect(await chain.stakeOf(ANVIL_DEV_ADDRESSES[9]!.toLowerCase(), { fromMs: nowMs - 3_600_000, toMs: nowMs })).toEqual({ owner: null, active: 0n, minimum: 200n * GRID, meetsMinimum: false });
  });
});
