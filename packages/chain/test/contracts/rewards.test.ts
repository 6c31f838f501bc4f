import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { isBaseError } from '@tensorgrid/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keccak256, parseEventLogs, toHex, zeroAddress, zeroHash, type Address, type Hex } from 'viem';
import { ANVIL_DEV_ADDRESSES } from '../../src/anvil/dev-keys';
import { claimReward } from '../../src/actions/rewards/claim-reward';
import { deployRewards } from '../../src/actions/rewards/deploy-rewards';
import { isRewardClaimed } from '../../src/actions/rewards/is-reward-claimed';
import { postRewardRoot } from '../../src/actions/rewards/post-reward-root';
import { readRewardRoot } from '../../src/actions/rewards/read-reward-root';
import { blockSplit, dayJobShareAllowance, EMISSION_MONTHS, HOURS_PER_MONTH } from '../../src/emission/emission-schedule';
import { gridTokenAbi, rewardsAbi, staticStakingSplitAbi } from '../../src/generated/artifacts';
import { accountBeneficiary, buildRewardTree, type RewardLeaf } from '../../src/rewards/build-reward-tree';
import { createRewardsFixture, GRID, JOB_SHARE_BPS, revertOf, send, setSplit, type RewardsFixture } from './rewards-fixture';

const ORACLE_ROLE = keccak256(toHex('ORACLE_ROLE'));
const DEFAULT_ADMIN_ROLE = zeroHash;
const [, , , OWNER_A, OWNER_B, CO_1, CO_2, CO_3, JOB_ACCOUNT] = ANVIL_DEV_ADDRESSES;
const DEVICE_A = accountBeneficiary('0x00000000000000000000000000000000000000a1');
const DEVICE_B = accountBeneficiary('0x00000000000000000000000000000000000000b2');
const DEVICE_NO_OWNER = accountBeneficiary('0x00000000000000000000000000000000000000c3');

describe('Rewards on anvil', () => {
  let fx: RewardsFixture;
  let genesisDay: bigint;
  const r = (): { address: Address; abi: typeof rewardsAbi } => ({ address: fx.rewards, abi: rewardsAbi });
  const read = <T>(functionName: string, args: readonly unknown[] = []): Promise<T> =>
    fx.admin.publicClient.readContract({ ...r(), functionName, args } as never) as Promise<T>;
  const balance = (who: Address): Promise<bigint> => fx.admin.publicClient.readContract({ address: fx.token, abi: gridTokenAbi, functionName: 'balanceOf', args: [who] });
  const post = (args: readonly [bigint, number, Hex, bigint], by = fx.oracle) => send(by, { ...r(), functionName: 'postRoot', args });
  const simulatePost = (args: readonly [bigint, number, Hex, bigint], by = fx.oracle) =>
    by.publicClient.simulateContract({ ...r(), account: by.account, functionName: 'postRoot', args });
  const simulateClaim = (leaf: RewardLeaf, proof: Hex[], by = fx.stranger) =>
    by.publicClient.simulateContract({ ...r(), account: by.account, functionName: 'claim', args: [leaf.epoch, leaf.pool, leaf.beneficiary, leaf.amount, proof] });
  const allowance = (epoch: bigint, pool: number): Promise<bigint> => read<bigint>('allowanceOf', [epoch, pool]);

  beforeAll(async () => {
    fx = await createRewardsFixture();
    genesisDay = await read<bigint>('genesisDay');
    await setSplit(fx, { device: DEVICE_A, owner: OWNER_A, shareBps: 0 });
    await setSplit(fx, { device: DEVICE_B, owner: OWNER_B, shareBps: 2_500, coStakers: [CO_1, CO_2, CO_3], coStakes: [100n * GRID, 200n * GRID, 400n * GRID] });
    await fx.checkpoint(); // reset() returns here, splits included
  });
  afterAll(async () => {
    await fx?.close();
  });
  beforeEach(async () => {
    await fx.reset();
  });

  describe('deployment', () => {
    it('starts genesis at midnight UTC, keeps its parameters and grants the roles', async () => {
      const genesis = await read<bigint>('genesis');
      expect(genesis % 86_400n).toBe(0n);
      expect(genesis / 86_400n).toBe(genesisDay);
      expect(await read<number>('jobShareBps')).toBe(JOB_SHARE_BPS);
      expect((await read<string>('token')).toLowerCase()).toBe(fx.token.toLowerCase());
      expect((await read<string>('staking')).toLowerCase()).toBe(fx.staking.toLowerCase());
      expect(await read<boolean>('hasRole', [ORACLE_ROLE, fx.oracle.account.address])).toBe(true);
      expect(await read<boolean>('hasRole', [DEFAULT_ADMIN_ROLE, fx.admin.account.address])).toBe(true);
      expect(await read<bigint>('currentBlock')).toBe((await fx.now() - genesis) / 3_600n);
    });

    it('refuses zero addresses (RewardsZeroAddress) and a job share above 100% (RewardsInvalidJobShare)', async () => {
      const base = { token: fx.token, staking: fx.staking, admin: fx.admin.account.address, oracle: fx.oracle.account.address };
      for (const bad of [{ token: zeroAddress }, { staking: zeroAddress }, { admin: zeroAddress }, { oracle: zeroAddress }]) {
        const err = await deployRewards(fx.admin, { ...base, ...bad }).catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'VALIDATION_FAILED', data: { errorName: 'RewardsZeroAddress' } });
      }
      const err = await deployRewards(fx.admin, { ...base, jobShareBps: 10_001 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'VALIDATION_FAILED', data: { errorName: 'RewardsInvalidJobShare', args: [10_001] } });
      await expect(deployRewards(fx.admin, { ...base, jobShareBps: 10_000 })).resolves.toMatchObject({ address: expect.any(String) });
    });
  });

  describe('allowances', () => {
    it('match the TypeScript mirror: job share off the top, then 95% GPU / 5% CPU', async () => {
      const lastOfMonth = BigInt(HOURS_PER_MONTH - 1);
      for (const block of [0n, 1n, 71n, lastOfMonth, lastOfMonth + 1n, BigInt(EMISSION_MONTHS * HOURS_PER_MONTH - 1)]) {
        const split = blockSplit(Number(block), JOB_SHARE_BPS);
        expect(await allowance(block, 0)).toBe(split.gpu);
        expect(await allowance(block, 1)).toBe(split.cpu);
        expect(split.gpu + split.cpu + split.jobShare).toBe(await read<bigint>('blockEmission', [block]));
        // 95/5 of the device part, up to rounding.
        expect(split.gpu * 500n - split.cpu * 9_500n).toBeLessThanOrEqual(9_500n * 10n);
      }
      for (const day of [0, 1, 29, 30, 7_199]) {
        expect(await allowance(genesisDay + BigInt(day), 2)).toBe(dayJobShareAllowance(day, JOB_SHARE_BPS));
      }
    });

    it('are zero past the schedule, before genesis (job shares) and for unknown pools', async () => {
      const end = BigInt(EMISSION_MONTHS * HOURS_PER_MONTH);
      expect(await allowance(end, 0)).toBe(0n);
      expect(await allowance(end, 1)).toBe(0n);
      expect(await allowance(genesisDay + 7_200n, 2)).toBe(0n);
      expect(await allowance(genesisDay - 1n, 2)).toBe(0n);
      expect(await allowance(0n, 3)).toBe(0n);
    });
  });

  describe('postRoot', () => {
    it('records the root once, within the allowance, and emits RootPosted', async () => {
      const cap = await allowance(5n, 0);
      const receipt = await post([5n, 0, keccak256('0x01'), cap]);
      const [event] = parseEventLogs({ abi: rewardsAbi, eventName: 'RootPosted', logs: receipt.logs });
      expect(event?.args).toEqual({ epoch: 5n, pool: 0, root: keccak256('0x01'), total: cap });
      expect(await read('rootOf', [5n, 0])).toEqual([keccak256('0x01'), cap, 0n]);
      expect(await read<bigint>('totalPosted')).toBe(cap);
      // Another pool of the same block is independent.
      await post([5n, 1, keccak256('0x02'), 1n]);
      expect(await read<bigint>('totalPosted')).toBe(cap + 1n);
    });

    it('refuses a second root for the same (epoch, pool): RewardsRootAlreadyPosted', async () => {
      await post([3n, 1, keccak256('0x01'), 1n]);
      expect(await revertOf(simulatePost([3n, 1, keccak256('0x02'), 1n]), rewardsAbi)).toEqual({ name: 'RewardsRootAlreadyPosted', args: ['3', 1] });
      const err = await postRewardRoot(fx.oracle, { address: fx.rewards, epoch: 3n, pool: 1, root: keccak256('0x02'), total: 1n }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'REWARD_ROOT_ALREADY_POSTED', retryable: false });
    });

    it('refuses a total above the allowance: RewardsAllowanceExceeded', async () => {
      for (const pool of [0, 1]) {
        const cap = await allowance(7n, pool);
        expect(await revertOf(simulatePost([7n, pool, keccak256('0x01'), cap + 1n]), rewardsAbi)).toEqual({
          name: 'RewardsAllowanceExceeded',
          args: ['7', pool, String(cap + 1n), String(cap)],
        });
      }
      const dayCap = await allowance(genesisDay, 2);
      expect((await revertOf(simulatePost([genesisDay, 2, keccak256('0x01'), dayCap + 1n]), rewardsAbi))?.name).toBe('RewardsAllowanceExceeded');
      await post([genesisDay, 2, keccak256('0x01'), dayCap]);
      const err = await postRewardRoot(fx.oracle, { address: fx.rewards, epoch: 8n, pool: 0, root: keccak256('0x01'), total: 10n ** 30n }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'REWARD_ALLOWANCE_EXCEEDED' });
    });

    it('refuses an epoch that has not ended: RewardsEpochNotEnded (blocks and days)', async () => {
      const current = await read<bigint>('currentBlock');
      const genesis = await read<bigint>('genesis');
      expect(await revertOf(simulatePost([current, 0, keccak256('0x01'), 1n]), rewardsAbi)).toEqual({
        name: 'RewardsEpochNotEnded',
        args: [String(current), 0, String(genesis + (current + 1n) * 3_600n)],
      });
      const today = (await fx.now()) / 86_400n;
      expect((await revertOf(simulatePost([today, 2, keccak256('0x01'), 1n]), rewardsAbi))?.name).toBe('RewardsEpochNotEnded');
      const err = await postRewardRoot(fx.oracle, { address: fx.rewards, epoch: current + 5n, pool: 1, root: keccak256('0x01'), total: 1n }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'REWARD_EPOCH_NOT_ENDED' });
      // Once the block has ended, the same root goes through.
      await fx.advance(3_600);
      await post([current, 0, keccak256('0x01'), 1n]);
    });

    it('refuses a job-share day before genesis: RewardsEpochBeforeGenesis', async () => {
      expect(await revertOf(simulatePost([genesisDay - 1n, 2, keccak256('0x01'), 1n]), rewardsAbi)).toEqual({
        name: 'RewardsEpochBeforeGenesis',
        args: [String(genesisDay - 1n), String(genesisDay)],
      });
    });

    it('refuses an unknown pool (RewardsUnknownPool) and an empty root or total (RewardsEmptyRoot)', async () => {
      expect(await revertOf(simulatePost([1n, 3, keccak256('0x01'), 1n]), rewardsAbi)).toEqual({ name: 'RewardsUnknownPool', args: [3] });
      expect(await revertOf(simulatePost([1n, 0, zeroHash, 1n]), rewardsAbi)).toEqual({ name: 'RewardsEmptyRoot', args: ['1', 0] });
      expect(await revertOf(simulatePost([1n, 0, keccak256('0x01'), 0n]), rewardsAbi)).toEqual({ name: 'RewardsEmptyRoot', args: ['1', 0] });
    });

    it('is ORACLE_ROLE only: AccessControlUnauthorizedAccount (FORBIDDEN through the action)', async () => {
      for (const who of [fx.stranger, fx.admin]) {
        expect(await revertOf(simulatePost([1n, 0, keccak256('0x01'), 1n], who), rewardsAbi)).toEqual({
          name: 'AccessControlUnauthorizedAccount',
          args: [who.account.address, ORACLE_ROLE],
        });
      }
      const err = await postRewardRoot(fx.stranger, { address: fx.rewards, epoch: 1n, pool: 0, root: keccak256('0x01'), total: 1n }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'FORBIDDEN', data: { errorName: 'AccessControlUnauthorizedAccount' } });
      // Role administration is the admin's only.
      const grant = fx.stranger.publicClient.simulateContract({ ...r(), account: fx.stranger.account, functionName: 'grantRole', args: [ORACLE_ROLE, fx.stranger.account.address] });
      expect(await revertOf(grant, rewardsAbi)).toEqual({ name: 'AccessControlUnauthorizedAccount', args: [fx.stranger.account.address, DEFAULT_ADMIN_ROLE] });
    });
  });

  describe('claim', () => {
    const deviceTree = (amounts: readonly [bigint, bigint], [epoch, pool]: readonly [bigint, number] = [10n, 0]) =>
      buildRewardTree([
        { epoch, pool, beneficiary: DEVICE_A, amount: amounts[0] },
        { epoch, pool, beneficiary: DEVICE_B, amount: amounts[1] },
      ]);

    it('pays a device without co-stakers to its owner, triggered by anyone, once', async () => {
      const tree = deviceTree([7n * GRID, 3n * GRID]);
      await post([10n, 0, tree.root, tree.total]);
      const [a] = tree.claims;
      if (!a) throw new Error('no leaf');
      const supplyBefore = await fx.admin.publicClient.readContract({ address: fx.token, abi: gridTokenAbi, functionName: 'totalSupply' });
      const result = await claimReward(fx.stranger, { address: fx.rewards, ...a });
      expect(result.payouts).toEqual([{ to: OWNER_A, amount: 7n * GRID }]);
      expect(await balance(OWNER_A)).toBe(7n * GRID);
      expect(await balance(fx.stranger.account.address)).toBe(0n);
      const receipt = await fx.admin.publicClient.getTransactionReceipt({ hash: result.txHash });
      const [claimed] = parseEventLogs({ abi: rewardsAbi, eventName: 'RewardClaimed', logs: receipt.logs });
      expect(claimed?.args).toEqual({ epoch: 10n, pool: 0, beneficiary: DEVICE_A, amount: 7n * GRID, caller: fx.stranger.account.address });
      expect(await fx.admin.publicClient.readContract({ address: fx.token, abi: gridTokenAbi, functionName: 'totalSupply' })).toBe(supplyBefore + 7n * GRID);
      expect(await read<bigint>('totalMinted')).toBe(7n * GRID);
      expect(await isRewardClaimed(fx.admin, { address: fx.rewards, ...a })).toBe(true);
      expect(await readRewardRoot(fx.admin, { address: fx.rewards, epoch: 10n, pool: 0 })).toMatchObject({ posted: true, total: 10n * GRID, claimed: 7n * GRID });

      expect(await revertOf(simulateClaim(a, a.proof), rewardsAbi)).toEqual({ name: 'RewardsAlreadyClaimed', args: ['10', 0, DEVICE_A, String(7n * GRID)] });
      const again = await claimReward(fx.admin, { address: fx.rewards, ...a }).catch((e: unknown) => e);
      expect(again).toMatchObject({ code: 'REWARD_ALREADY_CLAIMED' });
    });

    it('splits among owner and three co-stakers pro rata, dust to the owner', async () => {
      const amount = 10n * GRID + 7n; // odd, so the division leaves dust
      const tree = deviceTree([1n, amount]);
      await post([10n, 0, tree.root, tree.total]);
      const b = tree.claims[1];
      if (!b) throw new Error('no leaf');
      const result = await claimReward(fx.stranger, { address: fx.rewards, ...b });
      const coShare = (amount * 2_500n) / 10_000n;
      const parts = [100n, 200n, 400n].map((stake) => (coShare * stake) / 700n);
      const ownerPart = amount - parts.reduce((s, p) => s + p, 0n);
      expect(result.payouts).toEqual([
        { to: CO_1, amount: parts[0] },
        { to: CO_2, amount: parts[1] },
        { to: CO_3, amount: parts[2] },
        { to: OWNER_B, amount: ownerPart },
      ]);
      expect(ownerPart).toBeGreaterThanOrEqual((amount * 7_500n) / 10_000n);
      expect(ownerPart - (amount - coShare)).toBeLessThan(3n); // at most one wei per co-staker
      for (const [who, part] of [[CO_1, parts[0]], [CO_2, parts[1]], [CO_3, parts[2]], [OWNER_B, ownerPart]] as const) {
        expect(await balance(who)).toBe(part);
      }
    });

    it('splits a block by the co-stakes held at its start: co-stakers that came later take no part of it', async () => {
      const genesis = await read<bigint>('genesis');
      const tree = deviceTree([1n, 10n * GRID]);
      await post([10n, 0, tree.root, tree.total]);
      // Block 10 starts at genesis + 10 h: co-stakers from one second after it are paid from block 11 on.
      await send(fx.admin, { address: fx.staking, abi: staticStakingSplitAbi, functionName: 'setSplitSince', args: [DEVICE_B, genesis + 10n * 3_600n + 1n] });
      const result = await claimReward(fx.stranger, { address: fx.rewards, ...tree.claims[1]! });
      expect(result.payouts).toEqual([{ to: OWNER_B, amount: 10n * GRID }]);
      for (const co of [CO_1, CO_2, CO_3]) expect(await balance(co)).toBe(0n);
      // From the block's first second they count.
      const next = deviceTree([1n, 10n * GRID], [9n, 0]);
      await post([9n, 0, next.root, next.total]);
      await send(fx.admin, { address: fx.staking, abi: staticStakingSplitAbi, functionName: 'setSplitSince', args: [DEVICE_B, genesis + 9n * 3_600n] });
      expect((await claimReward(fx.stranger, { address: fx.rewards, ...next.claims[1]! })).payouts.map((p) => p.to)).toEqual([CO_1, CO_2, CO_3, OWNER_B]);
    });

    it('pays a job-share account left-padded in the leaf', async () => {
      const day = genesisDay + 1n;
      const tree = buildRewardTree([
        { epoch: day, pool: 2, beneficiary: accountBeneficiary(JOB_ACCOUNT), amount: 5n * GRID },
        { epoch: day, pool: 2, beneficiary: accountBeneficiary(OWNER_A), amount: 1n * GRID },
      ]);
      await post([day, 2, tree.root, tree.total]);
      const [job] = tree.claims;
      if (!job) throw new Error('no leaf');
      const before = await balance(JOB_ACCOUNT);
      expect((await claimReward(fx.stranger, { address: fx.rewards, ...job })).payouts).toEqual([{ to: JOB_ACCOUNT, amount: 5n * GRID }]);
      expect(await balance(JOB_ACCOUNT)).toBe(before + 5n * GRID);
    });

    it('keeps unclaimed rewards claimable a year later', async () => {
      const tree = deviceTree([2n * GRID, 1n * GRID], [11n, 1]);
      await post([11n, 1, tree.root, tree.total]);
      await fx.advance(365 * 86_400);
      const [a] = tree.claims;
      if (!a) throw new Error('no leaf');
      await claimReward(fx.stranger, { address: fx.rewards, ...a });
      expect(await balance(OWNER_A)).toBe(2n * GRID);
    });

    it('refuses a wrong proof or a changed leaf: RewardsInvalidProof', async () => {
      const tree = deviceTree([2n * GRID, 1n * GRID]);
      await post([10n, 0, tree.root, tree.total]);
      const [a, b] = tree.claims;
      if (!a || !b) throw new Error('no leaf');
      expect(await revertOf(simulateClaim({ ...a, amount: 3n * GRID }, a.proof), rewardsAbi)).toEqual({ name: 'RewardsInvalidProof', args: ['10', 0, DEVICE_A, String(3n * GRID)] });
      expect((await revertOf(simulateClaim(a, b.proof), rewardsAbi))?.name).toBe('RewardsInvalidProof');
      expect((await revertOf(simulateClaim({ ...a, pool: 1 }, a.proof), rewardsAbi))?.name).toBe('RewardsRootNotPosted');
      expect((await revertOf(simulateClaim({ ...a, beneficiary: DEVICE_B }, a.proof), rewardsAbi))?.name).toBe('RewardsInvalidProof');
      const err = await claimReward(fx.stranger, { address: fx.rewards, ...a, proof: [] }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'REWARD_PROOF_INVALID' });
    });

    it('refuses a claim without a root: RewardsRootNotPosted', async () => {
      const tree = deviceTree([2n, 1n], [12n, 0]);
      const [a] = tree.claims;
      if (!a) throw new Error('no leaf');
      expect(await revertOf(simulateClaim(a, a.proof), rewardsAbi)).toEqual({ name: 'RewardsRootNotPosted', args: ['12', 0] });
      const err = await claimReward(fx.stranger, { address: fx.rewards, ...a }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'REWARD_ROOT_NOT_POSTED' });
    });

    it('never pays more than the posted total: RewardsTotalExceeded', async () => {
      const tree = deviceTree([6n, 5n]); // leaves sum to 11, but the root promises only 10
      await post([10n, 0, tree.root, 10n]);
      const [a, b] = tree.claims;
      if (!a || !b) throw new Error('no leaf');
      await claimReward(fx.stranger, { address: fx.rewards, ...a });
      expect(await revertOf(simulateClaim(b, b.proof), rewardsAbi)).toEqual({ name: 'RewardsTotalExceeded', args: ['10', 0, '11', '10'] });
      const err = await claimReward(fx.stranger, { address: fx.rewards, ...b }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'REWARD_ALLOWANCE_EXCEEDED' });
    });

    it('refuses a zero amount (RewardsZeroAmount) and an unknown pool (RewardsUnknownPool)', async () => {
      const tree = StandardMerkleTree.of([[10n, 0, DEVICE_A, 0n], [10n, 0, DEVICE_B, 1n]], ['uint64', 'uint8', 'bytes32', 'uint256']);
      await post([10n, 0, tree.root as Hex, 1n]);
      const zero = { epoch: 10n, pool: 0, beneficiary: DEVICE_A, amount: 0n };
      expect(await revertOf(simulateClaim(zero, tree.getProof(0) as Hex[]), rewardsAbi)).toEqual({ name: 'RewardsZeroAmount', args: ['10', 0, DEVICE_A] });
      expect(await revertOf(simulateClaim({ ...zero, pool: 3, amount: 1n }, []), rewardsAbi)).toEqual({ name: 'RewardsUnknownPool', args: [3] });
    });

    it('refuses a job-share account that is not a left-padded address: RewardsInvalidAccount', async () => {
      const day = genesisDay;
      const bad = `0x01${'00'.repeat(11)}${JOB_ACCOUNT.slice(2).toLowerCase()}` as Hex;
      const tree = StandardMerkleTree.of([[day, 2, bad, 5n], [day, 2, zeroHash, 5n]], ['uint64', 'uint8', 'bytes32', 'uint256']);
      await post([day, 2, tree.root as Hex, 10n]);
      expect(await revertOf(simulateClaim({ epoch: day, pool: 2, beneficiary: bad, amount: 5n }, tree.getProof(0) as Hex[]), rewardsAbi)).toEqual({ name: 'RewardsInvalidAccount', args: [bad] });
      expect(await revertOf(simulateClaim({ epoch: day, pool: 2, beneficiary: zeroHash, amount: 5n }, tree.getProof(1) as Hex[]), rewardsAbi)).toEqual({ name: 'RewardsInvalidAccount', args: [zeroHash] });
    });

    it('refuses a device Staking has no owner for (RewardsDeviceWithoutOwner) and a broken split (RewardsInvalidSplit), leaving the leaf claimable', async () => {
      const tree = buildRewardTree([
        { epoch: 10n, pool: 0, beneficiary: DEVICE_NO_OWNER, amount: 4n },
        { epoch: 10n, pool: 0, beneficiary: DEVICE_B, amount: 4n },
      ]);
      await post([10n, 0, tree.root, tree.total]);
      const [orphan, b] = tree.claims;
      if (!orphan || !b) throw new Error('no leaf');
      expect(await revertOf(simulateClaim(orphan, orphan.proof), rewardsAbi)).toEqual({ name: 'RewardsDeviceWithoutOwner', args: [DEVICE_NO_OWNER] });
      const err = await claimReward(fx.stranger, { address: fx.rewards, ...orphan }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'DEVICE_NOT_FOUND' });

      const broken = [
        { shareBps: 10_001, coStakers: [CO_1], coStakes: [1n] },
        { shareBps: 100, coStakers: [CO_1, CO_2], coStakes: [1n] },
        { shareBps: 100, coStakers: [zeroAddress], coStakes: [1n] },
      ];
      for (const split of broken) {
        await setSplit(fx, { device: DEVICE_B, owner: OWNER_B, ...split });
        expect(await revertOf(simulateClaim(b, b.proof), rewardsAbi)).toEqual({ name: 'RewardsInvalidSplit', args: [DEVICE_B] });
      }
      // Once Staking knows the device, the same leaf pays.
      await setSplit(fx, { device: DEVICE_NO_OWNER, owner: OWNER_A, shareBps: 0 });
      await claimReward(fx.stranger, { address: fx.rewards, ...orphan });
      expect(await balance(OWNER_A)).toBe(4n);
    });

    it('fails when Rewards lacks MINTER_ROLE, and the leaf stays claimable', async () => {
      const tree = deviceTree([2n, 1n]);
      await post([10n, 0, tree.root, tree.total]);
      const minter = keccak256(toHex('MINTER_ROLE'));
      await send(fx.admin, { address: fx.token, abi: gridTokenAbi, functionName: 'revokeRole', args: [minter, fx.rewards] });
      const [a] = tree.claims;
      if (!a) throw new Error('no leaf');
      const err = await claimReward(fx.stranger, { address: fx.rewards, ...a }).catch((e: unknown) => e);
      expect(isBaseError(err)).toBe(true);
      expect(await isRewardClaimed(fx.admin, { address: fx.rewards, ...a })).toBe(false);
      await send(fx.admin, { address: fx.token, abi: gridTokenAbi, functionName: 'grantRole', args: [minter, fx.rewards] });
      await claimReward(fx.stranger, { address: fx.rewards, ...a });
    });
  });

  it('gas: postRoot, claim with 0 and with 3 co-stakers', async () => {
    const tree = buildRewardTree(
      Array.from({ length: 64 }, (_, i) => ({
        epoch: 20n,
        pool: 0,
        beneficiary: i === 0 ? DEVICE_A : i === 1 ? DEVICE_B : accountBeneficiary(`0x${(i + 0x1000).toString(16).padStart(40, '0')}` as Address),
        amount: GRID + BigInt(i),
      })),
    );
    const posted = await postRewardRoot(fx.oracle, { address: fx.rewards, epoch: 20n, pool: 0, root: tree.root, total: tree.total });
    const [a, b] = tree.claims;
    if (!a || !b) throw new Error('no leaf');
    const zero = await claimReward(fx.stranger, { address: fx.rewards, ...a });
    const three = await claimReward(fx.stranger, { address: fx.rewards, ...b });
    console.log(`gas (64-leaf tree, proofs of ${a.proof.length}): postRoot ${posted.gasUsed}, claim 0 co-stakers ${zero.gasUsed}, claim 3 co-stakers ${three.gasUsed}`);
    expect(posted.gasUsed).toBeLessThan(100_000n);
    expect(zero.gasUsed).toBeLessThan(150_000n);
    expect(three.gasUsed).toBeLessThan(300_000n);
  });
});
