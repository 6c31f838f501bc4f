import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFunctionData, keccak256, maxUint256, toHex, type Address, type Hex } from 'viem';
import { hostileERC20Abi, hostileERC20Bytecode, stakingAbi } from '../../src/generated/artifacts';
import { deployStaking } from '../../src/actions/staking/deploy-staking';
import { openCoStakeOffer } from '../../src/actions/staking/open-co-stake-offer';
import { coStake } from '../../src/actions/staking/co-stake';
import { requestUnstake } from '../../src/actions/staking/request-unstake';
import { resolveSlash } from '../../src/actions/staking/resolve-slash';
import { setDevice } from '../../src/actions/staking/set-device';
import { slash } from '../../src/actions/staking/slash';
import { stake } from '../../src/actions/staking/stake';
import { withdraw } from '../../src/actions/staking/withdraw';
import { overturnSlash } from '../../src/actions/staking/overturn-slash';
import { claimRefund } from '../../src/actions/staking/claim-refund';
import { deviceId, GRID, ROLES, setUpStaking, type StakingFixture, type Who } from './staking-fixture';

/** Staking over HostileERC20, whose transfer hook re-enters Staking with preset calldata. */
describe('Staking over a re-entrant token', () => {
  let f: StakingFixture;
  let token: Address;
  let staking: Address;
  let device: Hex;

  beforeAll(async () => {
    f = await setUpStaking();
    const admin = f.clients.admin;
    const wait = (hash: Hex) => admin.publicClient.waitForTransactionReceipt({ hash });
    const deployed = await wait(await admin.walletClient.deployContract({ abi: hostileERC20Abi, bytecode: hostileERC20Bytecode }));
    token = deployed.contractAddress as Address;
    staking = (await deployStaking(admin, { token, admin: f.addr.admin })).address;
    for (const [role, who] of [['REGISTRAR_ROLE', 'registrar'], ['SLASHER_ROLE', 'slasher'], ['APPEALS_ROLE', 'appeals']] as const) {
      await wait(await admin.walletClient.writeContract({ address: staking, abi: stakingAbi, functionName: 'grantRole', args: [ROLES[role], f.addr[who]] }));
    }
    for (const who of ['owner', 'co1', 'co2'] as Who[]) {
      await wait(await admin.walletClient.writeContract({ address: token, abi: hostileERC20Abi, functionName: 'mint', args: [f.addr[who], 10_000n * GRID] }));
      await wait(await f.clients[who].walletClient.writeContract({ address: token, abi: hostileERC20Abi, functionName: 'approve', args: [staking, maxUint256] }));
    }
    device = deviceId(f.addr.owner);
    await setDevice(f.clients.registrar, { staking, device, owner: f.addr.owner, hardwareClass: keccak256(toHex('gpu')) });
    await stake(f.clients.owner, { staking, device, amount: 1_000n * GRID });
    await openCoStakeOffer(f.clients.owner, { staking, device, shareBps: 1_000 });
    await coStake(f.clients.co1, { staking, device, amount: 1_000n * GRID });
    await coStake(f.clients.co2, { staking, device, amount: 1_000n * GRID });
  });
  afterAll(async () => {
    await f?.stop();
  });

  const tokenRead = <T>(functionName: string, args: unknown[] = []): Promise<T> =>
    f.clients.admin.publicClient.readContract({ address: token, abi: hostileERC20Abi, functionName, args } as never) as Promise<T>;
  const arm = async (data: Hex) => {
    const hash = await f.clients.admin.walletClient.writeContract({ address: token, abi: hostileERC20Abi, functionName: 'arm', args: [staking, data] });
    await f.clients.admin.publicClient.waitForTransactionReceipt({ hash });
  };
  /** What Staking owes: it must always hold at least this. */
  const owed = async () => {
    const [active, pending, slashes, refunds] = await f.clients.admin.publicClient.readContract({ address: staking, abi: stakingAbi, functionName: 'totals' });
    return active + pending + slashes + refunds;
  };

  it('cannot be drained by re-entering withdraw or resolveSlash from the token hook', async () => {
    const a = await requestUnstake(f.clients.owner, { staking, device, amount: 400n * GRID });
    const b = await requestUnstake(f.clients.co1, { staking, device, amount: 400n * GRID });
    const s1 = await slash(f.clients.slasher, { staking, device, amount: 300n * GRID, evidence: keccak256(toHex('e1')), beneficiary: f.addr.owner2 });
    const s2 = await slash(f.clients.slasher, { staking, device, amount: 30n * GRID, evidence: keccak256(toHex('e2')), beneficiary: f.addr.owner2 });
    await f.at(s2.appealDeadline);
    const held = await tokenRead<bigint>('balanceOf', [staking]);
    expect(held).toBe(3_000n * GRID);

    // withdraw pays the owner; the hook re-enters withdraw(a) again.
    const ownerBefore = await tokenRead<bigint>('balanceOf', [f.addr.owner]);
    const aLeft = (await f.clients.admin.publicClient.readContract({ address: staking, abi: stakingAbi, functionName: 'unstakeRequest', args: [a.requestId] })).amount;
    await arm(encodeFunctionData({ abi: stakingAbi, functionName: 'withdraw', args: [a.requestId] }));
    await withdraw(f.clients.owner, { staking, requestId: a.requestId });
    expect(await tokenRead<bigint>('balanceOf', [f.addr.owner])).toBe(ownerBefore + aLeft);

    // resolveSlash pays the beneficiary; the hook re-enters resolveSlash(s1), then withdraw(b), then resolveSlash(s2).
    const attacks: Hex[] = [
      encodeFunctionData({ abi: stakingAbi, functionName: 'resolveSlash', args: [s1.slashId] }),
      encodeFunctionData({ abi: stakingAbi, functionName: 'withdraw', args: [b.requestId] }),
      encodeFunctionData({ abi: stakingAbi, functionName: 'claimRefund' }),
    ];
    const beneficiaryBefore = await tokenRead<bigint>('balanceOf', [f.addr.owner2]);
    await arm(attacks[0] as Hex);
    await resolveSlash(f.clients.co2, { staking, slashId: s1.slashId });
    await arm(attacks[1] as Hex);
    await resolveSlash(f.clients.co2, { staking, slashId: s2.slashId });
    expect(await tokenRead<bigint>('balanceOf', [f.addr.owner2])).toBe(beneficiaryBefore + s1.amount + s2.amount);

    // withdraw(b) by its owner, with the hook trying claimRefund.
    const co1Before = await tokenRead<bigint>('balanceOf', [f.addr.co1]);
    const bLeft = (await f.clients.admin.publicClient.readContract({ address: staking, abi: stakingAbi, functionName: 'unstakeRequest', args: [b.requestId] })).amount;
    await arm(attacks[2] as Hex);
    await withdraw(f.clients.co1, { staking, requestId: b.requestId });
    expect(await tokenRead<bigint>('balanceOf', [f.addr.co1])).toBe(co1Before + bLeft);

    expect(await tokenRead<bigint>('attempts')).toBe(4n);
    expect(await tokenRead<boolean>('anySucceeded')).toBe(false);
    const balance = await tokenRead<bigint>('balanceOf', [staking]);
    expect(balance).toBe(await owed());
    expect(balance).toBe(3_000n * GRID - 330n * GRID - aLeft - bLeft);
  });

  it('cannot be drained by re-entering claimRefund from the token hook', async () => {
    const s = await slash(f.clients.slasher, { staking, device, amount: 100n * GRID, evidence: keccak256(toHex('e3')), beneficiary: f.addr.owner2 });
    await overturnSlash(f.clients.appeals, { staking, slashId: s.slashId });
    const refund = await f.clients.admin.publicClient.readContract({ address: staking, abi: stakingAbi, functionName: 'refundOf', args: [f.addr.co2] });
    expect(refund).toBeGreaterThan(0n);
    const before = await tokenRead<bigint>('balanceOf', [f.addr.co2]);
    const attempts = await tokenRead<bigint>('attempts');
    await arm(encodeFunctionData({ abi: stakingAbi, functionName: 'claimRefund' }));
    await claimRefund(f.clients.co2, { staking });
    expect(await tokenRead<bigint>('balanceOf', [f.addr.co2])).toBe(before + refund);
    expect(await tokenRead<bigint>('attempts')).toBe(attempts + 1n);
    expect(await tokenRead<boolean>('anySucceeded')).toBe(false);
    expect(await tokenRead<bigint>('balanceOf', [staking])).toBe(await owed());
  });
});
