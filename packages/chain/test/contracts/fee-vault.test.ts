import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keccak256, maxUint256, parseEventLogs, toHex, zeroAddress, type Hex } from 'viem';
import { buyback } from '../../src/actions/fee-vault/buyback';
import { deployFeeVault } from '../../src/actions/fee-vault/deploy-fee-vault';
import { deployFixedPriceSwapAdapter } from '../../src/actions/fee-vault/deploy-fixed-price-swap-adapter';
import { mapLeasesError } from '../../src/errors/leases-errors';
import { feeVaultAbi, fixedPriceSwapAdapterAbi, gridTokenAbi, testUSDAbi } from '../../src/generated/artifacts';
import { balanceOf, deployWorld, expectRevert, GRID, PRICE_WAD, send, simulate, USD, type World } from './fixture';

const DEFAULT_ADMIN_ROLE = `0x${'0'.repeat(64)}` as Hex;
const KEEPER_ROLE = keccak256(toHex('KEEPER_ROLE'));
const KIND = keccak256(toHex('lease.booking'));

let w: World;
let snapshot: Hex;

beforeAll(async () => {
  w = await deployWorld();
  snapshot = await w.test.snapshot();
}, 60_000);
afterAll(async () => {
  await w?.anvil.stop();
});
beforeEach(async () => {
  await w.test.revert({ id: snapshot });
  snapshot = await w.test.snapshot();
});

const supply = () => w.admin.publicClient.readContract({ address: w.grid, abi: gridTokenAbi, functionName: 'totalSupply' });
const burned = () => w.admin.publicClient.readContract({ address: w.vault, abi: feeVaultAbi, functionName: 'totalBurned' });

/** The buyer pays `amount` of `token` into the vault as a fee. */
async function collect(token: `0x${string}`, amount: bigint) {
  await send(w.buyer, w.buyer.walletClient.writeContract({ address: token, abi: testUSDAbi, functionName: 'approve', args: [w.vault, maxUint256] }));
  const hash = await w.buyer.walletClient.writeContract({ address: w.vault, abi: feeVaultAbi, functionName: 'collect', args: [token, amount, KIND] });
  return w.buyer.publicClient.waitForTransactionReceipt({ hash });
}

describe('TestUSD', () => {
  it('is Test USD (tUSD) with 6 decimals and a public faucet', async () => {
    const read = (functionName: 'name' | 'symbol' | 'decimals') => w.admin.publicClient.readContract({ address: w.tusd, abi: testUSDAbi, functionName });
    expect([await read('name'), await read('symbol'), await read('decimals')]).toEqual(['Test USD', 'tUSD', 6]);
    await send(w.outsider, w.outsider.walletClient.writeContract({ address: w.tusd, abi: testUSDAbi, functionName: 'mint', args: [w.outsider.account.address, 5n * USD] }));
    expect(await balanceOf(w, w.tusd, w.outsider.account.address)).toBe(5n * USD);
  });
});

describe('FeeVault.collect', () => {
  it('burns a GRID fee at once, with FeeCollected and FeeBurned', async () => {
    const before = await supply();
    const receipt = await collect(w.grid, 123n * GRID + 7n);
    expect(await supply()).toBe(before - 123n * GRID - 7n);
    expect(await balanceOf(w, w.grid, w.vault)).toBe(0n);
    expect(await burned()).toBe(123n * GRID + 7n);
    const [collected] = parseEventLogs({ abi: feeVaultAbi, eventName: 'FeeCollected', logs: receipt.logs });
    expect(collected?.args).toEqual({ token: w.grid, payer: w.buyer.account.address, amount: 123n * GRID + 7n, kind: KIND });
    const [burn] = parseEventLogs({ abi: feeVaultAbi, eventName: 'FeeBurned', logs: receipt.logs });
    expect(burn?.args).toEqual({ kind: KIND, amount: 123n * GRID + 7n });
  });

  it('holds a stablecoin fee for buybacks', async () => {
    const receipt = await collect(w.tusd, 42n * USD);
    expect(await balanceOf(w, w.tusd, w.vault)).toBe(42n * USD);
    expect(await burned()).toBe(0n);
    expect(parseEventLogs({ abi: feeVaultAbi, eventName: 'FeeBurned', logs: receipt.logs })).toEqual([]);
  });

  it('refuses zero amounts and the zero token', async () => {
    await expectRevert(simulate(w.buyer, { address: w.vault, abi: feeVaultAbi, functionName: 'collect', args: [w.tusd, 0n, KIND] }), 'FeeVaultZeroAmount');
    await expectRevert(simulate(w.buyer, { address: w.vault, abi: feeVaultAbi, functionName: 'collect', args: [zeroAddress, 1n, KIND] }), 'FeeVaultZeroAddress');
    await expectRevert(deployFeeVault(w.admin, { grid: zeroAddress, admin: w.admin.account.address }), 'FeeVaultZeroAddress');
  });
});

describe('FeeVault.buyback', () => {
  it('swaps held tUSD for GRID at the fixed price and burns all of it', async () => {
    await collect(w.tusd, 100n * USD);
    const [supplyBefore, adapterGrid] = [await supply(), await balanceOf(w, w.grid, w.adapter)];
    const amountIn = 12n * USD + 345_678n;
    const expected = (amountIn * PRICE_WAD) / 10n ** 18n; // 10 GRID per tUSD
    expect(expected).toBe(123_456_780n * 10n ** 12n);
    const out = await buyback(w.keeper, { feeVault: w.vault, token: w.tusd, amountIn, minOut: expected });
    console.log('FeeVault gas:', { buyback: Number(out.gasUsed) });
    expect(out.gridOut).toBe(expected);
    expect(await supply()).toBe(supplyBefore - expected);
    expect(await burned()).toBe(expected);
    expect(await balanceOf(w, w.tusd, w.vault)).toBe(100n * USD - amountIn);
    expect(await balanceOf(w, w.tusd, w.adapter)).toBe(amountIn);
    expect(await balanceOf(w, w.grid, w.adapter)).toBe(adapterGrid - expected);
    expect(await balanceOf(w, w.grid, w.vault)).toBe(0n);
    const receipt = await w.admin.publicClient.getTransactionReceipt({ hash: out.txHash });
    expect(parseEventLogs({ abi: feeVaultAbi, eventName: 'BoughtBack', logs: receipt.logs })[0]?.args).toEqual({ tokenIn: w.tusd, amountIn, gridOut: expected });
    expect(parseEventLogs({ abi: feeVaultAbi, eventName: 'FeeBurned', logs: receipt.logs })[0]?.args).toEqual({ kind: keccak256(toHex('buyback')), amount: expected });
    expect(await w.admin.publicClient.readContract({ address: w.tusd, abi: testUSDAbi, functionName: 'allowance', args: [w.vault, w.adapter] })).toBe(0n);
  });

  it('refuses outsiders, GRID, zero, more than held, too little output, missing prices and an empty adapter', async () => {
    await collect(w.tusd, 10n * USD);
    for (const who of [w.buyer, w.admin, w.oracle]) {
      await expectRevert(buyback(who, { feeVault: w.vault, token: w.tusd, amountIn: USD, minOut: 0n }), 'AccessControlUnauthorizedAccount', [who.account.address, KEEPER_ROLE]);
    }
    expect(mapLeasesError(await buyback(w.buyer, { feeVault: w.vault, token: w.tusd, amountIn: USD, minOut: 0n }).catch((e: unknown) => e)).code).toBe('FORBIDDEN');
    const bb = (token: `0x${string}`, amountIn: bigint, minOut = 0n) => buyback(w.keeper, { feeVault: w.vault, token, amountIn, minOut });
    await expectRevert(bb(w.grid, 1n), 'FeeVaultGridNotSwappable');
    await expectRevert(bb(w.tusd, 0n), 'FeeVaultZeroAmount');
    await expectRevert(bb(w.tusd, 10n * USD + 1n), 'FeeVaultInsufficientBalance', [w.tusd, 10n * USD, 10n * USD + 1n]);
    const slip = await bb(w.tusd, USD, 10n * GRID + 1n).catch((e: unknown) => e);
    expect(mapLeasesError(slip)).toMatchObject({ code: 'SLIPPAGE', data: { errorName: 'FixedPriceSwapAdapterSlippage', args: [(10n * GRID).toString(), (10n * GRID + 1n).toString()] } });
    // A token the vault holds but the adapter has no price for.
    await send(w.buyer, w.buyer.walletClient.writeContract({ address: w.hostile, abi: testUSDAbi, functionName: 'approve', args: [w.vault, maxUint256] }));
    await send(w.buyer, w.buyer.walletClient.writeContract({ address: w.vault, abi: feeVaultAbi, functionName: 'collect', args: [w.hostile, 5n, KIND] }));
    await expectRevert(bb(w.hostile, 5n), 'FixedPriceSwapAdapterNoPrice', [w.hostile]);
    // The adapter runs out of GRID.
    await send(w.admin, w.admin.walletClient.writeContract({ address: w.adapter, abi: fixedPriceSwapAdapterAbi, functionName: 'setPrice', args: [w.tusd, PRICE_WAD * 10n ** 6n] }));
    await expectRevert(bb(w.tusd, 10n * USD), 'FixedPriceSwapAdapterInsufficientGrid', [1_000_000n * GRID, 100_000_000n * GRID]);
    // A vault without an adapter.
    const bare = (await deployFeeVault(w.admin, { grid: w.grid, admin: w.admin.account.address })).address;
    await send(w.admin, w.admin.walletClient.writeContract({ address: bare, abi: feeVaultAbi, functionName: 'grantRole', args: [KEEPER_ROLE, w.keeper.account.address] }));
    await expectRevert(buyback(w.keeper, { feeVault: bare, token: w.tusd, amountIn: 1n, minOut: 0n }), 'FeeVaultNoSwapAdapter');
  });
});

describe('admin functions', () => {
  it('refuses unauthorised accounts with AccessControlUnauthorizedAccount', async () => {
    for (const who of [w.buyer, w.keeper, w.outsider]) {
      const denied = [who.account.address, DEFAULT_ADMIN_ROLE];
      await expectRevert(simulate(who, { address: w.vault, abi: feeVaultAbi, functionName: 'setSwapAdapter', args: [w.adapter] }), 'AccessControlUnauthorizedAccount', denied);
      await expectRevert(simulate(who, { address: w.vault, abi: feeVaultAbi, functionName: 'grantRole', args: [KEEPER_ROLE, who.account.address] }), 'AccessControlUnauthorizedAccount', denied);
      await expectRevert(simulate(who, { address: w.adapter, abi: fixedPriceSwapAdapterAbi, functionName: 'setPrice', args: [w.tusd, 1n] }), 'AccessControlUnauthorizedAccount', denied);
      await expectRevert(simulate(who, { address: w.adapter, abi: fixedPriceSwapAdapterAbi, functionName: 'withdraw', args: [w.grid, who.account.address, 1n] }), 'AccessControlUnauthorizedAccount', denied);
    }
  });

  it('lets the admin set the adapter and prices, and withdraw from the adapter', async () => {
    await expectRevert(simulate(w.admin, { address: w.vault, abi: feeVaultAbi, functionName: 'setSwapAdapter', args: [zeroAddress] }), 'FeeVaultZeroAddress');
    await expectRevert(simulate(w.admin, { address: w.adapter, abi: fixedPriceSwapAdapterAbi, functionName: 'setPrice', args: [w.grid, 1n] }), 'FixedPriceSwapAdapterZeroAddress');
    await expectRevert(simulate(w.admin, { address: w.adapter, abi: fixedPriceSwapAdapterAbi, functionName: 'swap', args: [w.tusd, 1n, 0n, zeroAddress] }), 'FixedPriceSwapAdapterZeroAddress');
    await expectRevert(deployFixedPriceSwapAdapter(w.admin, { grid: w.grid, admin: zeroAddress }), 'FixedPriceSwapAdapterZeroAddress');
    const before = await balanceOf(w, w.grid, w.outsider.account.address);
    await send(w.admin, w.admin.walletClient.writeContract({ address: w.adapter, abi: fixedPriceSwapAdapterAbi, functionName: 'withdraw', args: [w.grid, w.outsider.account.address, 5n] }));
    expect(await balanceOf(w, w.grid, w.outsider.account.address)).toBe(before + 5n);
  });
});
