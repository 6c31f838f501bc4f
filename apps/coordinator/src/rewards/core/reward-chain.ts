import type { DevicePool, DeviceRewardSplit } from '@tensorgrid/domain';

/** A device's stake over a block, as the Staking contract reports it. */
export interface DeviceStake {
  /** Its owner on Staking now (lower-case), or null when the device was never set there. */
  owner: string | null;
  /** The least active stake it held at any moment of the block (0 when it held none at its start). */
  active: bigint;
  /** Its minimum stake when the block began (its hardware class and that class's multiplier then). */
  minimum: bigint;
  /** Whether it has an owner and held its minimum throughout the block. */
  meetsMinimum: boolean;
}

/** One leaf on chain. */
export interface ChainLeaf {
  block: number;
  pool: DevicePool;
  /** The device id as bytes32. */
  beneficiary: string;
  amount: bigint;
}

/**
 * Port: what block rewards need from the chain (Rewards and Staking). The viem adapter is
 * `viem-reward-chain.ts`; tests may fake it.
 */
export interface RewardChain {
  /** The Rewards contract's genesis, ms (midnight UTC of its deployment day). */
  genesisMs(): Promise<number>;
  /** The block's allowance per device pool, from the contract's emission schedule. */
  allowances(block: number): Promise<Record<DevicePool, bigint>>;
  /** The device's stake over the block's window against its minimum at the window's start (Staking's checkpoints: what held then, not at build time). */
  stakeOf(deviceId: string, window: { fromMs: number; toMs: number }): Promise<DeviceStake>;
  /** The root posted for (block, pool) and its transaction, or null when none is. */
  postedRoot(block: number, pool: DevicePool): Promise<{ root: string; txHash: string | null } | null>;
  /** Posts a root (the oracle key); resolves once mined. */
  postRoot(input: { block: number; pool: DevicePool; root: string; total: bigint }): Promise<{ txHash: string }>;
  isClaimed(leaf: ChainLeaf): Promise<boolean>;
  /** The split a claim of the device's leaf of `block` pays by (the co-stakes held at the block's start), or null when it has no owner on Staking. */
  splitOf(deviceId: string, block: number): Promise<DeviceRewardSplit | null>;
  /** The devices (ids, lower-case) the account has ever co-staked on. */
  coStakedDevices(account: string): Promise<string[]>;
  /** What was paid, to whom (lower-case), from each of the device's claimed leaves. */
  payoutsOf(deviceId: string): Promise<{ block: number; pool: DevicePool; to: string; amount: bigint }[]>;
}
