/**
 * Staking's history on anvil: the reward split as it stood at a past time (`rewardSplitAt`,
 * which Rewards reads at a block's start), a device's least stake over an interval
 * (`lowestStakeBetween`, which nomination reads over a block) and its minimum at a past time
 * (`minimumStakeAt`, which nomination reads at a block's start), and owner changes, which move
 * stakes between the owner's and the co-stakers' and change whose a past block was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { keccak256, toHex, type Address, type Hex } from 'viem';
import { stakingAbi } from '../../src/generated/artifacts';
import { coStake } from '../../src/actions/staking/co-stake';
import { openCoStakeOffer } from '../../src/actions/staking/open-co-stake-offer';
import { readLowestStake } from '../../src/actions/staking/read-lowest-stake';
import { readMinimumStakeAt } from '../../src/actions/staking/read-minimum-stake-at';
import { requestUnstake } from '../../src/actions/staking/request-unstake';
import { setClassMultiplier } from '../../src/actions/staking/set-class-multiplier';
import { setDevice } from '../../src/actions/staking/set-device';
import { slash } from '../../src/actions/staking/slash';
import { stake } from '../../src/actions/staking/stake';
import { expectRevert, GRID, H100, useStakingDevice, type StakingFixture } from './staking-fixture';

describe('Staking history on anvil', () => {
  const ctx = useStakingDevice();
  let f: StakingFixture;
  let device: Hex;
  let staking: Address;

  beforeAll(() => {
    ({ f, device } = ctx);
    staking = f.staking;
  });

  const { as, read, view, stakeAll } = ctx;

  describe('reward split', () => {
    it('reports the split as it stood at a past time (rewardSplitAt): the co-stakes each co-staker held then', async () => {
      type Split = readonly [Address, number, readonly Address[], readonly bigint[]];
      const splitAt = (t: bigint) => view<Split>('rewardSplitAt', [device, t]);
      await stake(as('owner'), { staking, device, amount: 300n * GRID });
      await openCoStakeOffer(as('owner'), { staking, device, shareBps: 1_500 });
      const t0 = await f.latestTimestamp();
      await f.at(t0 + 100n);
      await coStake(as('co1'), { staking, device, amount: 50n * GRID });
      await f.at(t0 + 200n);
      await coStake(as('co2'), { staking, device, amount: 70n * GRID });
      await f.at(t0 + 300n);
      await coStake(as('co1'), { staking, device, amount: 30n * GRID });
      await f.at(t0 + 400n);
      await requestUnstake(as('co2'), { staking, device, amount: 70n * GRID });
      expect(await splitAt(t0 + 99n)).toEqual([f.addr.owner, 0, [], []]); // before any co-stake: the owner takes all
      expect(await splitAt(0n)).toEqual([f.addr.owner, 0, [], []]); // before the device was recorded: its first owner
      expect(await splitAt(t0 + 100n)).toEqual([f.addr.owner, 1_500, [f.addr.co1], [50n * GRID]]);
      expect(await splitAt(t0 + 299n)).toEqual([f.addr.owner, 1_500, [f.addr.co1, f.addr.co2], [50n * GRID, 70n * GRID]]);
      expect(await splitAt(t0 + 300n)).toEqual([f.addr.owner, 1_500, [f.addr.co1, f.addr.co2], [80n * GRID, 70n * GRID]]);
      expect(await splitAt(t0 + 399n)).toEqual([f.addr.owner, 1_500, [f.addr.co1, f.addr.co2], [80n * GRID, 70n * GRID]]);
      // co2 left at t0 + 400 (its slot stays while its request is pending): gone from then on, as from rewardSplit now.
      const now = await f.latestTimestamp();
      expect(await splitAt(now)).toEqual([f.addr.owner, 1_500, [f.addr.co1], [80n * GRID]]);
      expect(await view<Split>('rewardSplit', [device])).toEqual(await splitAt(now));
    });
  });

  describe('device stake over an interval', () => {
    it('reports the least stake the device held in [from, to) (lowestStakeBetween): at from, then after each change before to', async () => {
      const lowest = (fromSeconds: bigint, toSeconds: bigint) => readLowestStake(f.clients.admin.publicClient, { staking, device, fromSeconds, toSeconds });
      const t0 = (await f.latestTimestamp()) + 100n;
      await f.at(t0);
      await stake(as('owner'), { staking, device, amount: 1_000n * GRID });
      await openCoStakeOffer(as('owner'), { staking, device, shareBps: 1_000 });
      await f.at(t0 + 100n);
      await coStake(as('co1'), { staking, device, amount: 500n * GRID }); // 1,500
      await f.at(t0 + 200n);
      await requestUnstake(as('owner'), { staking, device, amount: 700n * GRID }); // 800
      await f.at(t0 + 300n);
      await stake(as('owner'), { staking, device, amount: 400n * GRID }); // 1,200
      await f.at(t0 + 400n);
      await slash(as('slasher'), { staking, device, amount: 120n * GRID, evidence: keccak256(toHex('history-slash')), beneficiary: f.addr.owner2 }); // 1,080 active (pending requests pay their part)

      expect(await lowest(t0 - 50n, t0 + 50n)).toBe(0n); // not staked when the interval began
      expect(await lowest(t0, t0 + 100n)).toBe(1_000n * GRID); // a stake made at `from` counts from it
      expect(await lowest(t0 + 100n, t0 + 200n)).toBe(1_500n * GRID); // the unstake at `to` is after it
      expect(await lowest(t0 + 50n, t0 + 250n)).toBe(800n * GRID); // the dip in the middle
      expect(await lowest(t0 + 250n, t0 + 350n)).toBe(800n * GRID); // held at `from`, raised after
      expect(await lowest(t0 + 300n, t0 + 301n)).toBe(1_200n * GRID);
      const afterSlash = await read();
      expect(await lowest(t0 + 400n, t0 + 10_000n)).toBe(afterSlash.stake); // the slash is a change too
      expect(afterSlash.stake).toBeLessThan(1_200n * GRID);
      // The current stake, as far as the chain has got.
      const now = await f.latestTimestamp();
      expect(await lowest(now, now + 1n)).toBe(afterSlash.stake);
      expect((await expectRevert(lowest(t0 + 10n, t0 + 10n), 'StakingEmptyInterval', [t0 + 10n, t0 + 10n])).code).toBe('VALIDATION_FAILED');
      await expectRevert(lowest(t0 + 10n, t0), 'StakingEmptyInterval', [t0 + 10n, t0]);
      expect(await readLowestStake(f.clients.admin.publicClient, { staking, device: keccak256(toHex('no such device')), fromSeconds: 0n, toSeconds: now })).toBe(0n);
    });
  });

  describe('minimum stake at a past time', () => {
    it("reports the minimum as it stood then (minimumStakeAt): the device's class then, at that class's multiplier then", async () => {
      const minimumAt = (atSeconds: bigint) => readMinimumStakeAt(f.clients.admin.publicClient, { staking, device, atSeconds });
      const A100 = keccak256(toHex('gpu.a100'));
      const recorded = await f.latestTimestamp(); // the device was recorded as an H100, no multiplier set
      const t0 = recorded + 100n;
      await f.at(t0);
      await setClassMultiplier(as('multiplier'), { staking, hardwareClass: H100, multiplierBps: 30_000 });
      await f.at(t0 + 100n);
      await setDevice(as('registrar'), { staking, device, owner: f.addr.owner, hardwareClass: A100 });
      await f.at(t0 + 200n);
      await setClassMultiplier(as('multiplier'), { staking, hardwareClass: A100, multiplierBps: 20_000 });
      await f.at(t0 + 300n);
      await setClassMultiplier(as('multiplier'), { staking, hardwareClass: H100, multiplierBps: 50_000 }); // not the device's class then
      await f.at(t0 + 400n);
      await setDevice(as('registrar'), { staking, device, owner: f.addr.owner, hardwareClass: H100 });

      expect(await minimumAt(0n)).toBe(200n * GRID); // before the device was recorded: the base minimum
      expect(await minimumAt(recorded)).toBe(200n * GRID);
      expect(await minimumAt(t0 - 1n)).toBe(200n * GRID);
      expect(await minimumAt(t0)).toBe(600n * GRID); // a multiplier set at the time counts from it
      expect(await minimumAt(t0 + 99n)).toBe(600n * GRID);
      expect(await minimumAt(t0 + 100n)).toBe(200n * GRID); // an A100 from here, no A100 multiplier yet
      expect(await minimumAt(t0 + 200n)).toBe(400n * GRID);
      expect(await minimumAt(t0 + 399n)).toBe(400n * GRID); // the H100's new multiplier does not touch an A100
      expect(await minimumAt(t0 + 400n)).toBe(1_000n * GRID);
      const now = await f.latestTimestamp();
      expect(await minimumAt(now)).toBe(await view<bigint>('minimumStake', [device]));
      expect(await view<number>('classMultiplier', [H100])).toBe(50_000);
      expect(await readMinimumStakeAt(f.clients.admin.publicClient, { staking, device: keccak256(toHex('no such device')), atSeconds: now })).toBe(200n * GRID);
    });
    it('keeps the last class recorded in one second: a device changed twice in one block has the second class from that time', async () => {
      const minimumAt = (atSeconds: bigint) => readMinimumStakeAt(f.clients.admin.publicClient, { staking, device, atSeconds });
      const [A, B] = [keccak256(toHex('gpu.a')), keccak256(toHex('gpu.b'))];
      await setClassMultiplier(as('multiplier'), { staking, hardwareClass: A, multiplierBps: 30_000 });
      await setClassMultiplier(as('multiplier'), { staking, hardwareClass: B, multiplierBps: 20_000 });
      const t = (await f.latestTimestamp()) + 100n;
      const registrar = as('registrar');
      const send = (hardwareClass: Hex) =>
        registrar.walletClient.writeContract({ address: staking, abi: stakingAbi, functionName: 'setDevice', args: [device, f.addr.owner, hardwareClass], gas: 500_000n });
      await f.rpc('evm_setAutomine', [false]);
      try {
        await send(A); // a new record at t
        await send(B); // the same second: the record is rewritten
        await f.at(t);
        await f.rpc('evm_mine');
      } finally {
        await f.rpc('evm_setAutomine', [true]);
      }
      expect(await f.latestTimestamp()).toBe(t);
      expect(await minimumAt(t - 1n)).toBe(200n * GRID); // an H100 before, no multiplier
      expect(await minimumAt(t)).toBe(400n * GRID);
      expect(await view<bigint>('minimumStake', [device])).toBe(400n * GRID);
    });
  });

  describe('owner change', () => {
    it("keeps the previous owner's stake as a co-stake and turns the new owner's co-stake into its stake", async () => {
      await stakeAll();
      await setDevice(as('registrar'), { staking, device, owner: f.addr.co1, hardwareClass: H100 });
      const r = await read();
      expect(r).toMatchObject({ owner: f.addr.co1, ownerStake: 600n * GRID, coStake: 1_400n * GRID, offerOpen: false, shareBps: 2_000 });
      expect(await view('coStakersOf', [device])).toEqual([f.addr.owner, f.addr.co2]);
      await expectRevert(coStake(as('co1'), { staking, device, amount: GRID * 10n }), 'StakingOwnerCannotCoStake', [device]);
      await expectRevert(stake(as('owner'), { staking, device, amount: GRID }), 'StakingNotDeviceOwner', [device, f.addr.owner]);
      await stake(as('co1'), { staking, device, amount: GRID });
      await requestUnstake(as('owner'), { staking, device, amount: 1_000n * GRID }); // the old owner can leave
    });

    it('splits a time before an owner change as it stood then: the owner of then, the new owner as the co-staker it was', async () => {
      type Split = readonly [Address, number, readonly Address[], readonly bigint[]];
      await stakeAll();
      const before = await f.latestTimestamp();
      await f.at(before + 100n);
      await setDevice(as('registrar'), { staking, device, owner: f.addr.co1, hardwareClass: H100 });
      expect(await view<Split>('rewardSplitAt', [device, before])).toEqual([f.addr.owner, 2_000, [f.addr.co2, f.addr.co1], [400n * GRID, 600n * GRID]]);
      // From the change on: co1 owns it, the previous owner's 1,000 GRID is a co-stake.
      expect(await view<Split>('rewardSplitAt', [device, before + 100n])).toEqual([f.addr.co1, 2_000, [f.addr.owner, f.addr.co2], [1_000n * GRID, 400n * GRID]]);
      expect(await view<Split>('rewardSplit', [device])).toEqual(await view<Split>('rewardSplitAt', [device, before + 100n]));
    });
  });
});
