import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keccak256, parseEventLogs, toHex, type Address, type Hex } from 'viem';
import { mapStakingError, STAKING_ERROR_CODES } from '../../src/errors/staking-errors';
import { stakingAbi } from '../../src/generated/artifacts';
import { claimRefund } from '../../src/actions/staking/claim-refund';
import { closeCoStakeOffer } from '../../src/actions/staking/close-co-stake-offer';
import { coStake } from '../../src/actions/staking/co-stake';
import { deployStaking } from '../../src/actions/staking/deploy-staking';
import { openCoStakeOffer } from '../../src/actions/staking/open-co-stake-offer';
import { overturnSlash } from '../../src/actions/staking/overturn-slash';
import { requestUnstake } from '../../src/actions/staking/request-unstake';
import { resolveSlash } from '../../src/actions/staking/resolve-slash';
import { setClassMultiplier } from '../../src/actions/staking/set-class-multiplier';
import { setDevice } from '../../src/actions/staking/set-device';
import { slash } from '../../src/actions/staking/slash';
import { stake } from '../../src/actions/staking/stake';
import { withdraw } from '../../src/actions/staking/withdraw';
import { DAY, deviceId, expectRevert, GRID, H100, ROLES, useStakingDevice, WHO, ZERO_ADDRESS, type StakingFixture, type Who } from './staking-fixture';

const evidence = (n: number): Hex => keccak256(toHex(`evidence-${n}`));

describe('Staking on anvil', () => {
  const ctx = useStakingDevice();
  let f: StakingFixture;
  let device: Hex;
  let staking: Address;
  const gas: Record<string, bigint> = {};

  beforeAll(() => {
    ({ f, device } = ctx);
    staking = f.staking;
  });
  afterAll(() => {
    if (Object.keys(gas).length > 0) console.info('Staking gas used:', Object.fromEntries(Object.entries(gas).map(([k, v]) => [k, Number(v)])));
  });

  const { as, read, view, stakeAll } = ctx;

  describe('registry and minimum stake', () => {
    it('records the owner and class, and computes the minimum from the class multiplier', async () => {
      const r = await read();
      expect(r).toMatchObject({ owner: f.addr.owner, hardwareClass: H100, stake: 0n, minimumStake: 200n * GRID, meetsMinimum: false, shareBps: 0, offerOpen: false });
      await setClassMultiplier(as('multiplier'), { staking, hardwareClass: H100, multiplierBps: 25_000 });
      expect((await read()).minimumStake).toBe(500n * GRID);
      await setClassMultiplier(as('multiplier'), { staking, hardwareClass: H100, multiplierBps: 5_000 });
      expect((await read()).minimumStake).toBe(200n * GRID);
      expect(await view('classMultiplier', [H100])).toBe(5_000);
    });

    it('refuses a zero owner and the zero device', async () => {
      await expectRevert(setDevice(as('registrar'), { staking, device, owner: ZERO_ADDRESS, hardwareClass: H100 }), 'StakingZeroAddress');
      const zero = deviceId(ZERO_ADDRESS);
      await expectRevert(setDevice(as('registrar'), { staking, device: zero, owner: f.addr.owner, hardwareClass: H100 }), 'StakingInvalidDevice', [zero]);
    });

    it('refuses constructor parameters that make no sense', async () => {
      await expectRevert(deployStaking(as('admin'), { token: ZERO_ADDRESS, admin: f.addr.admin }), 'StakingZeroAddress');
      await expectRevert(deployStaking(as('admin'), { token: f.token, admin: ZERO_ADDRESS }), 'StakingZeroAddress');
      await expectRevert(deployStaking(as('admin'), { token: f.token, admin: f.addr.admin, maxCoStakers: 0n }), 'StakingInvalidMaxCoStakers', [0n]);
    });
  });

  describe('stake', () => {
    it('takes GRID from the owner once the device reaches its minimum, then any top-up', async () => {
      await expectRevert(stake(as('owner'), { staking, device, amount: 199n * GRID }), 'StakingBelowMinimum', [device, 199n * GRID, 200n * GRID]);
      const before = await f.balanceOf(f.addr.owner);
      const res = await stake(as('owner'), { staking, device, amount: 200n * GRID });
      gas.stake = res.gasUsed;
      await stake(as('owner'), { staking, device, amount: 1n });
      expect(await f.balanceOf(f.addr.owner)).toBe(before - 200n * GRID - 1n);
      expect(await read()).toMatchObject({ ownerStake: 200n * GRID + 1n, stake: 200n * GRID + 1n, meetsMinimum: true });
      await setClassMultiplier(as('multiplier'), { staking, hardwareClass: H100, multiplierBps: 20_000 });
      expect((await read()).meetsMinimum).toBe(false);
    });

    it('refuses a zero amount, an unknown device and anyone but the owner', async () => {
      await expectRevert(stake(as('owner'), { staking, device, amount: 0n }), 'StakingZeroAmount');
      const unknown = deviceId(f.addr.co3);
      await expectRevert(stake(as('owner'), { staking, device: unknown, amount: 500n * GRID }), 'StakingUnknownDevice', [unknown]);
      for (const who of ['co1', 'owner2', 'registrar', 'admin'] as const) {
        await expectRevert(stake(as(who), { staking, device, amount: 500n * GRID }), 'StakingNotDeviceOwner', [device, f.addr[who]]);
      }
    });

    it('approves first when asked (the stake action)', async () => {
      const fresh = await deployStaking(as('admin'), { token: f.token, admin: f.addr.admin });
      const grant = await as('admin').walletClient.writeContract({ address: fresh.address, abi: stakingAbi, functionName: 'grantRole', args: [ROLES.REGISTRAR_ROLE, f.addr.registrar] });
      await as('admin').publicClient.waitForTransactionReceipt({ hash: grant });
      await setDevice(as('registrar'), { staking: fresh.address, device, owner: f.addr.owner, hardwareClass: H100 });
      await stake(as('owner'), { staking: fresh.address, device, amount: 250n * GRID, approve: true });
      expect(await f.balanceOf(fresh.address)).toBe(250n * GRID);
    });
  });

  describe('co-stakes', () => {
    it('admits co-stakers while an offer is open and reports the reward split', async () => {
      await stake(as('owner'), { staking, device, amount: 300n * GRID });
      await expectRevert(coStake(as('co1'), { staking, device, amount: 50n * GRID }), 'StakingNoCoStakeOffer', [device]);
      await openCoStakeOffer(as('owner'), { staking, device, shareBps: 1_500 });
      expect((await read()).shareBps).toBe(0); // nobody co-stakes yet
      await coStake(as('co1'), { staking, device, amount: 50n * GRID });
      await coStake(as('co2'), { staking, device, amount: 70n * GRID });
      await coStake(as('co1'), { staking, device, amount: 5n * GRID }); // a top-up may be below the least co-stake
      const split = await view<readonly [Address, number, readonly Address[], readonly bigint[]]>('rewardSplit', [device]);
      expect(split).toEqual([f.addr.owner, 1_500, [f.addr.co1, f.addr.co2], [55n * GRID, 70n * GRID]]);
      expect(await read()).toMatchObject({ stake: 425n * GRID, coStake: 125n * GRID, ownerStake: 300n * GRID, offerOpen: true });
      expect(await view('coStakeOf', [device, f.addr.co1])).toBe(55n * GRID);
      expect(await view('coStakeOf', [device, f.addr.owner])).toBe(0n);
    });

    it('never lets the owner co-stake, and enforces the least co-stake and zero amounts', async () => {
      await openCoStakeOffer(as('owner'), { staking, device, shareBps: 1_000 });
      await expectRevert(coStake(as('owner'), { staking, device, amount: 50n * GRID }), 'StakingOwnerCannotCoStake', [device]);
      await expectRevert(coStake(as('co1'), { staking, device, amount: 10n * GRID - 1n }), 'StakingBelowMinimumCoStake', [device, 10n * GRID - 1n, 10n * GRID]);
      await expectRevert(coStake(as('co1'), { staking, device, amount: 0n }), 'StakingZeroAmount');
      const unknown = deviceId(f.addr.co3);
      await expectRevert(coStake(as('co1'), { staking, device: unknown, amount: 50n * GRID }), 'StakingUnknownDevice', [unknown]);
    });

    it('limits offers to the owner, valid shares, and no lowering while co-stakes exist', async () => {
      await expectRevert(openCoStakeOffer(as('co1'), { staking, device, shareBps: 1_000 }), 'StakingNotDeviceOwner', [device, f.addr.co1]);
      await expectRevert(openCoStakeOffer(as('owner'), { staking, device, shareBps: 0 }), 'StakingInvalidShare', [0]);
      await expectRevert(openCoStakeOffer(as('owner'), { staking, device, shareBps: 10_001 }), 'StakingInvalidShare', [10_001]);
      await openCoStakeOffer(as('owner'), { staking, device, shareBps: 3_000 });
      await openCoStakeOffer(as('owner'), { staking, device, shareBps: 2_000 }); // nobody co-stakes yet: free to lower
      await coStake(as('co1'), { staking, device, amount: 20n * GRID });
      await expectRevert(openCoStakeOffer(as('owner'), { staking, device, shareBps: 1_999 }), 'StakingShareDecrease', [device, 2_000, 1_999]);
      // A co-staker that asked to leave still holds its slot (and its part of unclaimed blocks): no lowering either.
      await requestUnstake(as('co1'), { staking, device, amount: 20n * GRID });
      await expectRevert(openCoStakeOffer(as('owner'), { staking, device, shareBps: 1_999 }), 'StakingShareDecrease', [device, 2_000, 1_999]);
      await coStake(as('co1'), { staking, device, amount: 20n * GRID });
      await openCoStakeOffer(as('owner'), { staking, device, shareBps: 10_000 });
      await expectRevert(closeCoStakeOffer(as('co1'), { staking, device }), 'StakingNotDeviceOwner', [device, f.addr.co1]);
      await closeCoStakeOffer(as('owner'), { staking, device });
      await expectRevert(closeCoStakeOffer(as('owner'), { staking, device }), 'StakingNoCoStakeOffer', [device]);
      await expectRevert(coStake(as('co2'), { staking, device, amount: 20n * GRID }), 'StakingNoCoStakeOffer', [device]);
      // Closing keeps the terms of those already in.
      expect((await read()).shareBps).toBe(10_000);
      const unknown = deviceId(f.addr.co3);
      await expectRevert(openCoStakeOffer(as('owner'), { staking, device: unknown, shareBps: 1 }), 'StakingUnknownDevice', [unknown]);
    });

    it('admits at most maxCoStakers, and frees a slot only when a co-staker holds nothing', async () => {
      await openCoStakeOffer(as('owner'), { staking, device, shareBps: 1_000 });
      for (const who of ['co1', 'co2', 'co3'] as const) await coStake(as(who), { staking, device, amount: 10n * GRID });
      await expectRevert(coStake(as('owner2'), { staking, device, amount: 10n * GRID }), 'StakingTooManyCoStakers', [device, 3n]);
      const { requestId } = await requestUnstake(as('co1'), { staking, device, amount: 10n * GRID });
      // co1 still has a pending (slashable) request: its slot stays taken.
      await expectRevert(coStake(as('owner2'), { staking, device, amount: 10n * GRID }), 'StakingTooManyCoStakers', [device, 3n]);
      await f.at((await view<{ unlocksAt: bigint }>('unstakeRequest', [requestId])).unlocksAt);
      await withdraw(as('co1'), { staking, requestId });
      await coStake(as('owner2'), { staking, device, amount: 10n * GRID });
      expect(await view('coStakersOf', [device])).toEqual([f.addr.co3, f.addr.co2, f.addr.owner2]) // swap-and-pop;
    });
  });

  describe('unstake and withdraw', () => {
    it('stops counting at once, waits out the cooldown, pays once', async () => {
      await stakeAll();
      const req = await requestUnstake(as('owner'), { staking, device, amount: 900n * GRID });
      gas.requestUnstake = req.gasUsed;
      const t0 = await f.latestTimestamp();
      expect(req).toMatchObject({ requestId: 1n, requestAmount: 900n * GRID, unlocksAt: t0 + 14n * DAY });
      expect(await read()).toMatchObject({ ownerStake: 100n * GRID, stake: 1_100n * GRID, pendingUnstake: 900n * GRID });
      await expectRevert(withdraw(as('owner'), { staking, requestId: 1n }), 'StakingCooldownActive', [1n, t0 + 14n * DAY]);
      await f.at(req.unlocksAt - 1n);
      await expectRevert(withdraw(as('owner'), { staking, requestId: 1n }), 'StakingCooldownActive');
      await f.at(req.unlocksAt); // the last second of the cooldown has passed
      await expectRevert(withdraw(as('co1'), { staking, requestId: 1n }), 'StakingNotRequester', [1n, f.addr.co1]);
      const before = await f.balanceOf(f.addr.owner);
      const w = await withdraw(as('owner'), { staking, requestId: 1n });
      gas.withdraw = w.gasUsed;
      expect(await f.balanceOf(f.addr.owner)).toBe(before + 900n * GRID);
      await expectRevert(withdraw(as('owner'), { staking, requestId: 1n }), 'StakingAlreadyWithdrawn', [1n]);
      await expectRevert(withdraw(as('owner'), { staking, requestId: 2n }), 'StakingUnknownRequest', [2n]);
      const [events] = [await f.clients.admin.publicClient.getContractEvents({ address: staking, abi: stakingAbi, eventName: 'Withdrawn', fromBlock: 0n })];
      expect(events).toHaveLength(1);
    });

    it('adds a second request to the open one and restarts its cooldown', async () => {
      await stakeAll();
      const a = await requestUnstake(as('co1'), { staking, device, amount: 100n * GRID });
      await f.advance(10n * DAY);
      const b = await requestUnstake(as('co1'), { staking, device, amount: 50n * GRID });
      expect(b.requestId).toBe(a.requestId);
      expect(b.requestAmount).toBe(150n * GRID);
      expect(b.unlocksAt).toBe((await f.latestTimestamp()) + 14n * DAY);
      await f.advance(5n * DAY);
      await expectRevert(withdraw(as('co1'), { staking, requestId: a.requestId }), 'StakingCooldownActive');
      await f.at(b.unlocksAt);
      await withdraw(as('co1'), { staking, requestId: a.requestId });
      const c = await requestUnstake(as('co1'), { staking, device, amount: 50n * GRID });
      expect(c.requestId).toBe(a.requestId + 1n);
    });

    it('refuses more than the active stake and zero', async () => {
      await stakeAll();
      await expectRevert(requestUnstake(as('co2'), { staking, device, amount: 400n * GRID + 1n }), 'StakingInsufficientStake', [device, f.addr.co2, 400n * GRID + 1n, 400n * GRID]);
      await expectRevert(requestUnstake(as('co3'), { staking, device, amount: 1n }), 'StakingInsufficientStake', [device, f.addr.co3, 1n, 0n]);
      await expectRevert(requestUnstake(as('co2'), { staking, device, amount: 0n }), 'StakingZeroAmount');
    });
  });

  describe('slashing', () => {
    it('takes pro rata from active stakes and pending requests, owner and co-stakers alike', async () => {
      await stakeAll();
      await requestUnstake(as('co1'), { staking, device, amount: 200n * GRID }); // co1: 400 active + 200 pending
      // Stakes: owner 1000, co1 400 + 200 pending, co2 400 → 2,000; slash 10% = 200.
      const s = await slash(as('slasher'), { staking, device, amount: 200n * GRID, evidence: evidence(1), beneficiary: f.addr.owner2 });
      gas.slash = s.gasUsed;
      expect(s).toMatchObject({ slashId: 1n, amount: 200n * GRID });
      expect(s.appealDeadline).toBe((await f.latestTimestamp()) + 30n * DAY);
      expect(await read()).toMatchObject({ ownerStake: 900n * GRID, coStake: 720n * GRID, pendingUnstake: 180n * GRID, meetsMinimum: true });
      expect(await view('coStakeOf', [device, f.addr.co1])).toBe(360n * GRID);
      expect(await view('slashSharesOf', [1n])).toEqual([
        [f.addr.owner, f.addr.co1, f.addr.co2],
        [100n * GRID, 60n * GRID, 40n * GRID],
      ]);
      expect((await view<{ amount: bigint }>('unstakeRequest', [1n])).amount).toBe(180n * GRID);
      expect(await view('totals', [])).toEqual([1_620n * GRID, 180n * GRID, 200n * GRID, 0n]);
      expect(await f.balanceOf(staking)).toBe(2_000n * GRID);
    });

    it('is exact with awkward amounts (each share rounded up, the total never more)', async () => {
      await stake(as('owner'), { staking, device, amount: 333n * GRID + 1n });
      await openCoStakeOffer(as('owner'), { staking, device, shareBps: 5_000 });
      await coStake(as('co1'), { staking, device, amount: 10n * GRID + 7n });
      await coStake(as('co2'), { staking, device, amount: 77n * GRID + 3n });
      const s = await slash(as('slasher'), { staking, device, amount: 101n, evidence: evidence(2), beneficiary: ZERO_ADDRESS });
      const [, amounts] = await view<readonly [readonly Address[], readonly bigint[]]>('slashSharesOf', [s.slashId]);
      expect(amounts.reduce((a, b) => a + b, 0n)).toBe(101n);
      expect((await read()).stake).toBe(420n * GRID + 11n - 101n);
    });

    it('takes at most what the device holds, and refuses when it holds nothing', async () => {
      await stakeAll();
      const s = await slash(as('slasher'), { staking, device, amount: 10_000n * GRID, evidence: evidence(3), beneficiary: ZERO_ADDRESS });
      expect(s.amount).toBe(2_000n * GRID);
      expect(await read()).toMatchObject({ stake: 0n, pendingUnstake: 0n, coStakers: [] });
      expect(await view('coStakersOf', [device])).toEqual([]); // emptied co-stakers give their slots back
      await expectRevert(slash(as('slasher'), { staking, device, amount: 1n, evidence: evidence(4), beneficiary: ZERO_ADDRESS }), 'StakingNothingToSlash', [device]);
    });

    it('uses each evidence once and needs some', async () => {
      await stakeAll();
      await slash(as('slasher'), { staking, device, amount: GRID, evidence: evidence(5), beneficiary: ZERO_ADDRESS });
      expect(await view('evidenceUsed', [evidence(5)])).toBe(true);
      await expectRevert(slash(as('slasher'), { staking, device, amount: GRID, evidence: evidence(5), beneficiary: ZERO_ADDRESS }), 'StakingEvidenceUsed', [evidence(5)]);
      await expectRevert(slash(as('slasher'), { staking, device, amount: GRID, evidence: `0x${'00'.repeat(32)}`, beneficiary: ZERO_ADDRESS }), 'StakingEvidenceMissing');
      await expectRevert(slash(as('slasher'), { staking, device, amount: 0n, evidence: evidence(6), beneficiary: ZERO_ADDRESS }), 'StakingZeroAmount');
    });

    it('slashes a pending request, and its withdrawal pays what is left', async () => {
      await stake(as('owner'), { staking, device, amount: 1_000n * GRID });
      const { requestId, unlocksAt } = await requestUnstake(as('owner'), { staking, device, amount: 1_000n * GRID });
      await slash(as('slasher'), { staking, device, amount: 250n * GRID, evidence: evidence(7), beneficiary: ZERO_ADDRESS });
      await f.at(unlocksAt);
      const before = await f.balanceOf(f.addr.owner);
      await withdraw(as('owner'), { staking, requestId });
      expect(await f.balanceOf(f.addr.owner)).toBe(before + 750n * GRID);
    });

    it('pays the beneficiary after the appeal window, once', async () => {
      await stakeAll();
      const { slashId, appealDeadline } = await slash(as('slasher'), { staking, device, amount: 100n * GRID, evidence: evidence(8), beneficiary: f.addr.owner2 });
      await expectRevert(resolveSlash(as('co3'), { staking, slashId }), 'StakingAppealWindowOpen', [slashId, appealDeadline]);
      await f.at(appealDeadline - 1n);
      await expectRevert(resolveSlash(as('co3'), { staking, slashId }), 'StakingAppealWindowOpen');
      await f.at(appealDeadline);
      const before = await f.balanceOf(f.addr.owner2);
      const r = await resolveSlash(as('co3'), { staking, slashId }); // anyone
      gas.resolveSlashPay = r.gasUsed;
      expect(await f.balanceOf(f.addr.owner2)).toBe(before + 100n * GRID);
      await expectRevert(resolveSlash(as('co3'), { staking, slashId }), 'StakingSlashNotPending', [slashId, 3]);
      await expectRevert(overturnSlash(as('appeals'), { staking, slashId }), 'StakingSlashNotPending', [slashId, 3]);
      await expectRevert(resolveSlash(as('co3'), { staking, slashId: 9n }), 'StakingUnknownSlash', [9n]);
      expect(await view('totals', [])).toEqual([1_900n * GRID, 0n, 0n, 0n]);
    });

    it('burns when there is no beneficiary', async () => {
      await stakeAll();
      const { slashId, appealDeadline } = await slash(as('slasher'), { staking, device, amount: 100n * GRID, evidence: evidence(9), beneficiary: ZERO_ADDRESS });
      await f.at(appealDeadline);
      const supply = await f.totalSupply();
      const r = await resolveSlash(as('owner'), { staking, slashId });
      gas.resolveSlashBurn = r.gasUsed;
      expect(await f.totalSupply()).toBe(supply - 100n * GRID);
      const receipt = await f.clients.admin.publicClient.getTransactionReceipt({ hash: r.txHash });
      const [event] = parseEventLogs({ abi: stakingAbi, eventName: 'SlashResolved', logs: receipt.logs });
      expect(event?.args).toMatchObject({ slashId, beneficiary: ZERO_ADDRESS, amount: 100n * GRID, burned: true });
    });

    it('overturns during the window only, refunding each account what was taken from it', async () => {
      await stakeAll();
      await requestUnstake(as('co1'), { staking, device, amount: 200n * GRID });
      const { slashId, appealDeadline } = await slash(as('slasher'), { staking, device, amount: 200n * GRID, evidence: evidence(10), beneficiary: ZERO_ADDRESS });
      await f.at(appealDeadline - 1n); // the last second of the window
      await overturnSlash(as('appeals'), { staking, slashId });
      expect(await view('refundOf', [f.addr.co1])).toBe(60n * GRID);
      await expectRevert(overturnSlash(as('appeals'), { staking, slashId }), 'StakingSlashNotPending', [slashId, 2]);
      await expectRevert(resolveSlash(as('owner'), { staking, slashId }), 'StakingSlashNotPending', [slashId, 2]);
      for (const [who, amount] of [['owner', 100n], ['co1', 60n], ['co2', 40n]] as const) {
        const before = await f.balanceOf(f.addr[who]);
        await claimRefund(as(who), { staking });
        expect(await f.balanceOf(f.addr[who])).toBe(before + amount * GRID);
        await expectRevert(claimRefund(as(who), { staking }), 'StakingNothingToRefund', [f.addr[who]]);
      }
      const late = await slash(as('slasher'), { staking, device, amount: GRID, evidence: evidence(11), beneficiary: ZERO_ADDRESS });
      await f.at(late.appealDeadline);
      await expectRevert(overturnSlash(as('appeals'), { staking, slashId: late.slashId }), 'StakingAppealWindowClosed', [late.slashId, late.appealDeadline]);
      await expectRevert(overturnSlash(as('appeals'), { staking, slashId: 99n }), 'StakingUnknownSlash', [99n]);
      expect(appealDeadline).toBeGreaterThan(0n);
      expect((await view<readonly bigint[]>('totals', []))[3]).toBe(0n);
    });
  });

  describe('access control', () => {
    const restricted: { fn: string; role: keyof typeof ROLES; allowed: Who; args: () => unknown[] }[] = [
      { fn: 'setDevice', role: 'REGISTRAR_ROLE', allowed: 'registrar', args: () => [device, f.addr.owner, H100] },
      { fn: 'setClassMultiplier', role: 'MULTIPLIER_ROLE', allowed: 'multiplier', args: () => [H100, 20_000] },
      { fn: 'slash', role: 'SLASHER_ROLE', allowed: 'slasher', args: () => [device, GRID, evidence(42), ZERO_ADDRESS] },
      { fn: 'overturnSlash', role: 'APPEALS_ROLE', allowed: 'appeals', args: () => [1n] },
      { fn: 'grantRole', role: 'DEFAULT_ADMIN_ROLE', allowed: 'admin', args: () => [ROLES.SLASHER_ROLE, f.addr.co1] },
      { fn: 'revokeRole', role: 'DEFAULT_ADMIN_ROLE', allowed: 'admin', args: () => [ROLES.SLASHER_ROLE, f.addr.slasher] },
    ];
    const cases = restricted.flatMap((r) => (Object.keys(WHO) as Who[]).filter((w) => w !== r.allowed).map((who) => ({ ...r, who })));

    it.each(cases)('$fn from $who fails with AccessControlUnauthorizedAccount', async ({ fn, role, who, args }) => {
      const err = await f.clients[who].publicClient
        .simulateContract({ account: f.clients[who].account, address: staking, abi: stakingAbi, functionName: fn, args: args() } as never)
        .catch((e: unknown) => e);
      const mapped = mapStakingError(err);
      expect(mapped.code).toBe('FORBIDDEN');
      expect(mapped.data.errorName).toBe('AccessControlUnauthorizedAccount');
      expect(mapped.data.args).toEqual([f.addr[who], ROLES[role]]);
    });

    it('lets each role holder through', async () => {
      await stakeAll();
      for (const r of restricted.filter((r) => r.fn !== 'overturnSlash')) {
        await f.clients[r.allowed].publicClient.simulateContract({ account: f.clients[r.allowed].account, address: staking, abi: stakingAbi, functionName: r.fn, args: r.args() } as never);
      }
    });
  });

  describe('error codes', () => {
    it('maps Staking reverts onto protocol codes', async () => {
      const below = await stake(as('owner'), { staking, device, amount: GRID }).catch((e: unknown) => e);
      expect(below).toMatchObject({ code: 'STAKE_BELOW_MINIMUM', retryable: false });
      await stake(as('owner'), { staking, device, amount: 300n * GRID });
      const { requestId } = await requestUnstake(as('owner'), { staking, device, amount: 10n * GRID });
      expect(await withdraw(as('owner'), { staking, requestId }).catch((e: unknown) => e)).toMatchObject({ code: 'COOLDOWN_ACTIVE' });
      expect(await withdraw(as('co1'), { staking, requestId }).catch((e: unknown) => e)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await requestUnstake(as('owner'), { staking, device, amount: 10_000n * GRID }).catch((e: unknown) => e)).toMatchObject({ code: 'INSUFFICIENT_STAKE' });
      expect(await coStake(as('co1'), { staking, device, amount: 10n * GRID }).catch((e: unknown) => e)).toMatchObject({ code: 'CO_STAKE_CLOSED' });
      expect(await resolveSlash(as('co1'), { staking, slashId: 1n }).catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND' });
      const unknown = deviceId(f.addr.co3);
      expect(await stake(as('owner'), { staking, device: unknown, amount: GRID }).catch((e: unknown) => e)).toMatchObject({ code: 'DEVICE_NOT_FOUND' });
    });

    it('has a code for every custom error Staking declares', () => {
      const declared = stakingAbi.filter((x) => x.type === 'error' && x.name.startsWith('Staking')).map((x) => (x as { name: string }).name);
      expect(declared.length).toBeGreaterThan(20);
      for (const name of declared) expect(STAKING_ERROR_CODES, name).toHaveProperty(name);
    });
  });
});
