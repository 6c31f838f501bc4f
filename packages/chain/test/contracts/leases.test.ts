import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeFunctionData, keccak256, parseEventLogs, toHex, zeroAddress, type Address, type Hex } from 'viem';
import { deployLeases } from '../../src/actions/leases/deploy-leases';
import { expireLease } from '../../src/actions/leases/expire-lease';
import { extendLease } from '../../src/actions/leases/extend-lease';
import { openLease } from '../../src/actions/leases/open-lease';
import { readLease } from '../../src/actions/leases/read-lease';
import { reportSlaBreach } from '../../src/actions/leases/report-sla-breach';
import { settleUsage, type UsageRecord } from '../../src/actions/leases/settle-usage';
import { terminateLease } from '../../src/actions/leases/terminate-lease';
import { withdrawEarnings } from '../../src/actions/leases/withdraw-earnings';
import { mapLeasesError } from '../../src/errors/leases-errors';
import { feeVaultAbi, gridTokenAbi, hostileERC20Abi, leasesAbi, recordingStakingAbi } from '../../src/generated/artifacts';
import { balanceOf, BPS, deployWorld, device, expectRevert, fee, GRID, now, ORACLE_ROLE, send, simulate, USD, warp, type World } from './fixture';

const HOUR = 3_600n;
const BOOKING = 25n;
const SUPPLIER = 25n;
const STABLE = 200n;
const DEFAULT_ADMIN_ROLE = `0x${'0'.repeat(64)}` as Hex;

let w: World;
let snapshot: Hex;
const gas: Record<string, bigint> = {};

beforeAll(async () => {
  w = await deployWorld();
  snapshot = await w.test.snapshot();
}, 60_000);
afterAll(async () => {
  if (Object.keys(gas).length > 0) console.log('Leases gas:', Object.fromEntries(Object.entries(gas).map(([k, v]) => [k, Number(v)])));
  await w?.anvil.stop();
});
beforeEach(async () => {
  await w.test.revert({ id: snapshot });
  snapshot = await w.test.snapshot();
});

function open(opts: { devices?: Hex[]; duration?: bigint; price?: bigint; token?: Address; as?: World['buyer'] } = {}) {
  return openLease(opts.as ?? w.buyer, {
    leases: w.leases,
    devices: opts.devices ?? [device(1), device(2)],
    durationSeconds: opts.duration ?? 10n * HOUR,
    price: opts.price ?? 1_000n * GRID,
    payToken: opts.token ?? w.grid,
  });
}

/** A usage record from [leaseId, device, periodStart, periodEnd, amount, payee (default the first payee)]. */
function record([leaseId, dev, periodStart, periodEnd, amount, payee]: [bigint, Hex, bigint, bigint, bigint, Address?]): UsageRecord {
  return { leaseId, device: dev, payee: payee ?? w.payees[0], periodStart, periodEnd, amount };
}

const gridSupply = () => w.admin.publicClient.readContract({ address: w.grid, abi: gridTokenAbi, functionName: 'totalSupply' });

describe('Leases.open', () => {
  it('escrows the price of a GRID lease and burns the 0.25% booking fee at once', async () => {
    const price = 1_234_567_891n;
    const [buyerBefore, supplyBefore] = await Promise.all([balanceOf(w, w.grid, w.buyer.account.address), gridSupply()]);
    const opened = await open({ price, devices: [device(1)] });
    gas['open (1 device)'] = opened.gasUsed;
    const booking = fee(price, BOOKING);
    expect(booking).toBe(3_086_420n); // 3,086,419.7… rounded up
    expect(opened).toMatchObject({ leaseId: 1n, bookingFee: booking, stablecoinFee: 0n });
    expect(opened.end - opened.start).toBe(10n * HOUR);
    expect(await balanceOf(w, w.grid, w.buyer.account.address)).toBe(buyerBefore - price - booking);
    expect(await balanceOf(w, w.grid, w.leases)).toBe(price);
    expect(await balanceOf(w, w.grid, w.vault)).toBe(0n);
    expect(await gridSupply()).toBe(supplyBefore - booking);
    expect(await w.admin.publicClient.readContract({ address: w.vault, abi: feeVaultAbi, functionName: 'totalBurned' })).toBe(booking);
    const lease = await readLease(w.admin.publicClient, { leases: w.leases, leaseId: 1n });
    expect(lease).toEqual({
      leaseId: 1n,
      buyer: w.buyer.account.address,
      payToken: w.grid,
      start: opened.start,
      end: opened.end,
      status: 'active',
      price,
      escrow: price,
      settled: 0n,
      refunded: 0n,
      devices: [{ device: device(1), settledUntil: opened.start }],
    });
  });

  it('charges booking plus the 2% stablecoin fee in tUSD, held by the FeeVault', async () => {
    const price = 999_999n; // just under 1 tUSD
    const before = await balanceOf(w, w.tusd, w.buyer.account.address);
    const eight = [1, 2, 3, 4, 5, 6, 7, 8].map(device);
    const opened = await open({ price, token: w.tusd, devices: eight });
    gas['open (8 devices)'] = opened.gasUsed;
    expect(opened.bookingFee).toBe(2_500n); // 2,499.9975 up
    expect(opened.stablecoinFee).toBe(20_000n); // 19,999.98 up
    expect(await balanceOf(w, w.tusd, w.buyer.account.address)).toBe(before - price - 22_500n);
    expect(await balanceOf(w, w.tusd, w.leases)).toBe(price);
    expect(await balanceOf(w, w.tusd, w.vault)).toBe(22_500n);
    const receipt = await w.admin.publicClient.getTransactionReceipt({ hash: opened.txHash });
    const collected = parseEventLogs({ abi: feeVaultAbi, eventName: 'FeeCollected', logs: receipt.logs }).map((l) => [l.args.kind, l.args.amount, l.args.payer]);
    expect(collected).toEqual([
      [keccak256(toHex('lease.booking')), 2_500n, w.leases],
      [keccak256(toHex('lease.stablecoin')), 20_000n, w.leases],
    ]);
    expect((await readLease(w.admin.publicClient, { leases: w.leases, leaseId: opened.leaseId })).devices.map((d) => d.device)).toEqual(eight);
  });

  it('refuses bad leases with named errors', async () => {
    await expectRevert(open({ token: w.outsider.account.address }), 'LeasesTokenNotAllowed', [w.outsider.account.address]);
    await expectRevert(open({ devices: [] }), 'LeasesNoDevices');
    const many = Array.from({ length: 257 }, (_, i) => device(i + 1));
    await expectRevert(open({ devices: many }), 'LeasesTooManyDevices', [257n, 256n]);
    await expectRevert(open({ devices: [device(1), device(1)] }), 'LeasesInvalidDevice', [device(1)]);
    await expectRevert(open({ devices: [`0x${'0'.repeat(64)}`] }), 'LeasesInvalidDevice');
    await expectRevert(open({ duration: 0n }), 'LeasesZeroDuration');
    await expectRevert(open({ price: 0n }), 'LeasesZeroPrice');
    const poor = await open({ as: w.outsider }).catch((e: unknown) => e);
    expect(mapLeasesError(poor)).toMatchObject({ code: 'INSUFFICIENT_FUNDS', data: { errorName: 'ERC20InsufficientAllowance' } });
    const notAllowed = await open({ token: w.outsider.account.address }).catch((e: unknown) => e);
    expect(mapLeasesError(notAllowed).code).toBe('PAY_TOKEN_NOT_ALLOWED');
  });
});

describe('Leases.settleUsage', () => {
  it('credits payees across leases, devices and periods, minus the 0.25% supplier fee, and pays it to the FeeVault', async () => {
    const a = await open({ price: 1_000n * GRID });
    const b = await open({ price: 500n * USD, token: w.tusd, devices: [device(3)], as: w.buyer2 });
    await warp(w, 2n * HOUR);
    const records = [
      record([a.leaseId, device(1), a.start, a.start + HOUR, 100n * GRID + 1n]),
      record([a.leaseId, device(2), a.start, a.start + HOUR, 37n, w.payees[1]]),
      record([a.leaseId, device(1), a.start + HOUR, a.start + 2n * HOUR, 50n * GRID]),
      record([b.leaseId, device(3), b.start + 60n, b.start + HOUR, 7n * USD + 3n, w.payees[1]]),
    ];
    const supplyBefore = await gridSupply();
    const vaultUsdBefore = await balanceOf(w, w.tusd, w.vault);
    const settled = await settleUsage(w.oracle, { leases: w.leases, records });
    const fees = records.map((r) => fee(r.amount, SUPPLIER));
    expect(fees).toEqual([250_000_000_000_000_001n, 1n, 125_000_000_000_000_000n, 17_501n]);
    const gridFees = fees[0]! + fees[1]! + fees[2]!;
    expect(await gridSupply()).toBe(supplyBefore - gridFees);
    expect(await balanceOf(w, w.tusd, w.vault)).toBe(vaultUsdBefore + fees[3]!);
    const earnings = (payee: Address, token: Address) => w.admin.publicClient.readContract({ address: w.leases, abi: leasesAbi, functionName: 'earnings', args: [payee, token] });
    expect(await earnings(w.payees[0], w.grid)).toBe(150n * GRID + 1n - fees[0]! - fees[2]!);
    expect(await earnings(w.payees[1], w.grid)).toBe(37n - 1n);
    expect(await earnings(w.payees[1], w.tusd)).toBe(7n * USD + 3n - 17_501n);
    const lease = await readLease(w.admin.publicClient, { leases: w.leases, leaseId: a.leaseId });
    expect(lease.escrow).toBe(1_000n * GRID - (150n * GRID + 1n + 37n));
    expect(lease.settled).toBe(150n * GRID + 1n + 37n);
    expect(lease.devices).toEqual([
      { device: device(1), settledUntil: a.start + 2n * HOUR },
      { device: device(2), settledUntil: a.start + HOUR },
    ]);
    const receipt = await w.admin.publicClient.getTransactionReceipt({ hash: settled.txHash });
    const events = parseEventLogs({ abi: leasesAbi, eventName: 'UsageSettled', logs: receipt.logs });
    expect(events.map((e) => [e.args.leaseId, e.args.device, e.args.payee, e.args.amount, e.args.supplierFee])).toEqual(
      records.map((r, i) => [r.leaseId, r.device, r.payee, r.amount, fees[i]]),
    );
    const collects = parseEventLogs({ abi: feeVaultAbi, eventName: 'FeeCollected', logs: receipt.logs });
    expect(collects.map((c) => [c.args.token, c.args.amount, c.args.kind])).toEqual([
      [w.grid, gridFees, keccak256(toHex('lease.supplier'))],
      [w.tusd, fees[3], keccak256(toHex('lease.supplier'))],
    ]);

  });

  it('lets a payee withdraw its earnings once', async () => {
    const a = await open();
    await warp(w, HOUR);
    await settleUsage(w.oracle, { leases: w.leases, records: [record([a.leaseId, device(1), a.start, a.start + HOUR, 400n * GRID, w.outsider.account.address])] });
    const before = await balanceOf(w, w.grid, w.outsider.account.address);
    const out = await withdrawEarnings(w.outsider, { leases: w.leases, token: w.grid });
    expect(out.amount).toBe(400n * GRID - GRID);
    expect(await balanceOf(w, w.grid, w.outsider.account.address)).toBe(before + 399n * GRID);
    await expectRevert(withdrawEarnings(w.outsider, { leases: w.leases, token: w.grid }), 'LeasesNothingToWithdraw', [w.grid]);
  });

  it('settles each moment of a (lease, device) at most once, never past the end, now or the escrow', async () => {
    const a = await open({ price: 100n });
    await warp(w, 3n * HOUR);
    const t0 = a.start;
    await settleUsage(w.oracle, { leases: w.leases, records: [record([a.leaseId, device(1), t0, t0 + HOUR, 10n])] });
    const settle = (...records: UsageRecord[]) => settleUsage(w.oracle, { leases: w.leases, records });
    await expectRevert(settle(record([a.leaseId, device(1), t0, t0 + HOUR, 10n])), 'LeasesPeriodAlreadySettled', [a.leaseId, device(1), t0, t0 + HOUR]);
    await expectRevert(settle(record([a.leaseId, device(1), t0 + HOUR - 1n, t0 + 2n * HOUR, 1n])), 'LeasesPeriodAlreadySettled');
    // The same period twice in one batch.
    const dup = record([a.leaseId, device(2), t0, t0 + HOUR, 1n]);
    await expectRevert(settle(dup, dup), 'LeasesPeriodAlreadySettled');
    const err = await settle(dup, dup).catch((e: unknown) => e);
    expect(mapLeasesError(err).code).toBe('ALREADY_SETTLED');
    await expectRevert(settle(record([a.leaseId, device(2), t0 + 10n, t0 + 10n, 1n])), 'LeasesInvalidPeriod', [t0 + 10n, t0 + 10n]);
    const latest = await now(w);
    await expectRevert(settle(record([a.leaseId, device(2), t0, latest + 100n, 1n])), 'LeasesPeriodOutsideLease');
    await expectRevert(settle(record([a.leaseId, device(9), t0, t0 + 1n, 1n])), 'LeasesDeviceNotInLease', [a.leaseId, device(9)]);
    await expectRevert(settle(record([a.leaseId, device(2), t0, t0 + 1n, 1n, zeroAddress])), 'LeasesZeroAddress');
    await expectRevert(settle(record([99n, device(2), t0, t0 + 1n, 1n])), 'LeasesLeaseNotFound', [99n]);
    await expectRevert(settle(), 'LeasesNoRecords');
    await expectRevert(settle(record([a.leaseId, device(2), t0, t0 + HOUR, 91n])), 'LeasesEscrowExceeded', [a.leaseId, 91n, 90n]);
    // Two records that each fit but together exceed the escrow: the batch reverts as a whole.
    await expectRevert(settle(record([a.leaseId, device(2), t0, t0 + HOUR, 50n]), record([a.leaseId, device(1), t0 + HOUR, t0 + 2n * HOUR, 41n])), 'LeasesEscrowExceeded', [a.leaseId, 41n, 40n]);
    expect((await readLease(w.admin.publicClient, { leases: w.leases, leaseId: a.leaseId })).escrow).toBe(90n);
    // Exactly the escrow is fine; a zero-amount period only advances the mark.
    await settle(record([a.leaseId, device(2), t0, t0 + HOUR, 90n]), record([a.leaseId, device(1), t0 + 2n * HOUR, t0 + 3n * HOUR, 0n]));
    const lease = await readLease(w.admin.publicClient, { leases: w.leases, leaseId: a.leaseId });
    expect(lease.escrow).toBe(0n);
    expect(lease.devices[0]!.settledUntil).toBe(t0 + 3n * HOUR);
  });

  it('refuses usage after the end, settles up to it during the grace, and nothing once closed', async () => {
    const a = await open({ duration: HOUR, price: 1_000n });
    await warp(w, 2n * HOUR);
    await expectRevert(settleUsage(w.oracle, { leases: w.leases, records: [record([a.leaseId, device(1), a.start, a.end + 1n, 1n])] }), 'LeasesPeriodOutsideLease', [a.leaseId, a.end + 1n, a.end]);
    await settleUsage(w.oracle, { leases: w.leases, records: [record([a.leaseId, device(1), a.start, a.end, 600n])] });
    const refunded = await expireLease(w.outsider, { leases: w.leases, leaseId: a.leaseId });
    expect(refunded.refund).toBe(400n);
    await expectRevert(settleUsage(w.oracle, { leases: w.leases, records: [record([a.leaseId, device(2), a.start, a.end, 1n])] }), 'LeasesLeaseClosed', [a.leaseId]);
  });
});

describe('Leases.extend', () => {
  it('adds time and escrow, charging the fees on the extra price', async () => {
    const a = await open({ price: 100n * USD, token: w.tusd, duration: HOUR });
    const before = await balanceOf(w, w.tusd, w.buyer.account.address);
    const vaultBefore = await balanceOf(w, w.tusd, w.vault);
    const extra = 33n * USD + 1n;
    const ext = await extendLease(w.buyer, { leases: w.leases, leaseId: a.leaseId, extraSeconds: 2n * HOUR, extraPrice: extra });
    gas.extend = ext.gasUsed;
    expect(ext).toMatchObject({ newEnd: a.end + 2n * HOUR, bookingFee: fee(extra, BOOKING), stablecoinFee: fee(extra, STABLE) });
    expect(await balanceOf(w, w.tusd, w.buyer.account.address)).toBe(before - extra - fee(extra, BOOKING) - fee(extra, STABLE));
    expect(await balanceOf(w, w.tusd, w.vault)).toBe(vaultBefore + fee(extra, BOOKING) + fee(extra, STABLE));
    const lease = await readLease(w.admin.publicClient, { leases: w.leases, leaseId: a.leaseId });
    expect([lease.end, lease.price, lease.escrow]).toEqual([a.end + 2n * HOUR, 100n * USD + extra, 100n * USD + extra]);
    // Usage past the old end is now settleable.
    await warp(w, 2n * HOUR);
    await settleUsage(w.oracle, { leases: w.leases, records: [record([a.leaseId, device(1), a.start, a.end + HOUR, 120n * USD])] });
  });

  it('refuses strangers, ended leases and empty extensions', async () => {
    const a = await open({ duration: HOUR });
    const ext = (as: World['buyer'], extraSeconds = HOUR, extraPrice = GRID) => extendLease(as, { leases: w.leases, leaseId: a.leaseId, extraSeconds, extraPrice });
    await expectRevert(ext(w.buyer2), 'LeasesNotBuyer', [a.leaseId, w.buyer2.account.address]);
    expect(mapLeasesError(await ext(w.buyer2).catch((e: unknown) => e)).code).toBe('FORBIDDEN');
    await expectRevert(ext(w.buyer, 0n), 'LeasesZeroDuration');
    await expectRevert(ext(w.buyer, HOUR, 0n), 'LeasesZeroPrice');
    await expectRevert(extendLease(w.buyer, { leases: w.leases, leaseId: 42n, extraSeconds: 1n, extraPrice: 1n }), 'LeasesLeaseNotFound', [42n]);
    await warp(w, HOUR);
    await expectRevert(ext(w.buyer), 'LeasesLeaseEnded', [a.leaseId, a.end]);
    expect(mapLeasesError(await ext(w.buyer).catch((e: unknown) => e)).code).toBe('LEASE_ENDED');
  });
});

describe('Leases.terminate and expire', () => {
  it('ends the lease now; the oracle settles up to the end in the grace, then the rest is refunded once', async () => {
    const a = await open({ price: 10_000n, duration: 10n * HOUR });
    await warp(w, 2n * HOUR);
    const buyerBefore = await balanceOf(w, w.grid, w.buyer.account.address);
    const t = await terminateLease(w.buyer, { leases: w.leases, leaseId: a.leaseId });
    gas['terminate (grace: refund later)'] = t.gasUsed;
    expect(t.refund).toBe(0n);
    const lease = await readLease(w.admin.publicClient, { leases: w.leases, leaseId: a.leaseId });
    expect([lease.status, lease.end]).toEqual(['terminated', t.endedAt]);
    await expectRevert(terminateLease(w.buyer, { leases: w.leases, leaseId: a.leaseId }), 'LeasesLeaseEnded', [a.leaseId, t.endedAt]);
    await expectRevert(extendLease(w.buyer, { leases: w.leases, leaseId: a.leaseId, extraSeconds: 1n, extraPrice: 1n }), 'LeasesLeaseEnded');
    await warp(w, 60n);
    // Nothing after the termination; up to it, yes.
    await expectRevert(settleUsage(w.oracle, { leases: w.leases, records: [record([a.leaseId, device(1), a.start, t.endedAt + 1n, 1n])] }), 'LeasesPeriodOutsideLease', [a.leaseId, t.endedAt + 1n, t.endedAt]);
    await settleUsage(w.oracle, { leases: w.leases, records: [record([a.leaseId, device(1), a.start, t.endedAt, 2_000n])] });
    // Anyone must wait out the grace; the oracle may close at once after its final batch.
    await expectRevert(expireLease(w.outsider, { leases: w.leases, leaseId: a.leaseId }), 'LeasesNotExpired', [a.leaseId, t.endedAt + HOUR]);
    expect(mapLeasesError(await expireLease(w.outsider, { leases: w.leases, leaseId: a.leaseId }).catch((e: unknown) => e)).code).toBe('LEASE_NOT_EXPIRED');
    const closed = await expireLease(w.oracle, { leases: w.leases, leaseId: a.leaseId });
    gas['expire (refund)'] = closed.gasUsed;
    expect(closed.refund).toBe(8_000n);
    expect(await balanceOf(w, w.grid, w.buyer.account.address)).toBe(buyerBefore + 8_000n);
    expect(await readLease(w.admin.publicClient, { leases: w.leases, leaseId: a.leaseId })).toMatchObject({ status: 'closed', escrow: 0n, refunded: 8_000n, settled: 2_000n });
    await expectRevert(expireLease(w.outsider, { leases: w.leases, leaseId: a.leaseId }), 'LeasesLeaseClosed', [a.leaseId]);
    await expectRevert(terminateLease(w.buyer, { leases: w.leases, leaseId: a.leaseId }), 'LeasesLeaseEnded');
  });

  it('expires a lease for anyone after its end plus the grace, and not before', async () => {
    const a = await open({ price: 777n, duration: HOUR });
    await expectRevert(expireLease(w.oracle, { leases: w.leases, leaseId: a.leaseId }), 'LeasesNotExpired', [a.leaseId, a.end]);
    await warp(w, HOUR);
    await expectRevert(terminateLease(w.buyer, { leases: w.leases, leaseId: a.leaseId }), 'LeasesLeaseEnded', [a.leaseId, a.end]);
    await expectRevert(expireLease(w.outsider, { leases: w.leases, leaseId: a.leaseId }), 'LeasesNotExpired', [a.leaseId, a.end + HOUR]);
    await warp(w, HOUR);
    const before = await balanceOf(w, w.grid, w.buyer.account.address);
    expect((await expireLease(w.outsider, { leases: w.leases, leaseId: a.leaseId })).refund).toBe(777n);
    expect(await balanceOf(w, w.grid, w.buyer.account.address)).toBe(before + 777n);
    await expectRevert(expireLease(w.outsider, { leases: w.leases, leaseId: 5n }), 'LeasesLeaseNotFound', [5n]);
    expect(mapLeasesError(await expireLease(w.outsider, { leases: w.leases, leaseId: 5n }).catch((e: unknown) => e)).code).toBe('LEASE_NOT_FOUND');
  });

  it('refunds at once on termination when the grace is zero', async () => {
    const me = w.admin.account.address;
    const instant = (await deployLeases(w.admin, { grid: w.grid, feeVault: w.vault, staking: w.staking, admin: me, settlementGraceSeconds: 0n })).address;
    await send(w.buyer, w.buyer.walletClient.writeContract({ address: w.grid, abi: gridTokenAbi, functionName: 'approve', args: [instant, 10n ** 30n] }));
    const a = await openLease(w.buyer, { leases: instant, devices: [device(1)], durationSeconds: HOUR, price: 5_000n, payToken: w.grid });
    const before = await balanceOf(w, w.grid, w.buyer.account.address);
    const t = await terminateLease(w.buyer, { leases: instant, leaseId: a.leaseId });
    gas['terminate (grace 0: refund at once)'] = t.gasUsed;
    expect(t.refund).toBe(5_000n);
    expect(await balanceOf(w, w.grid, w.buyer.account.address)).toBe(before + 5_000n);
    expect(await balanceOf(w, w.grid, instant)).toBe(0n);
    await expectRevert(expireLease(w.outsider, { leases: instant, leaseId: a.leaseId }), 'LeasesLeaseClosed');
  });

  it('only the buyer terminates', async () => {
    const a = await open();
    await expectRevert(terminateLease(w.buyer2, { leases: w.leases, leaseId: a.leaseId }), 'LeasesNotBuyer', [a.leaseId, w.buyer2.account.address]);
    await expectRevert(terminateLease(w.buyer, { leases: w.leases, leaseId: 7n }), 'LeasesLeaseNotFound', [7n]);
  });
});

describe('Leases.reportSlaBreach', () => {
  it('slashes the device through Staking for the buyer, each evidence once', async () => {
    const a = await open();
    const evidence = keccak256(toHex('device 2 was down 3 h'));
    const reported = await reportSlaBreach(w.oracle, { leases: w.leases, leaseId: a.leaseId, device: device(2), penalty: 50n * GRID, evidence });
    expect(reported.slashId).toBe(1n);
    const call = await w.admin.publicClient.readContract({ address: w.staking, abi: recordingStakingAbi, functionName: 'slashCall', args: [0n] });
    expect(call).toEqual({ caller: w.leases, device: device(2), amount: 50n * GRID, evidence, beneficiary: w.buyer.account.address });
    await expectRevert(reportSlaBreach(w.oracle, { leases: w.leases, leaseId: a.leaseId, device: device(1), penalty: 1n, evidence }), 'LeasesEvidenceAlreadyUsed', [evidence]);
    const other = keccak256(toHex('other'));
    await expectRevert(reportSlaBreach(w.oracle, { leases: w.leases, leaseId: a.leaseId, device: device(5), penalty: 1n, evidence: other }), 'LeasesDeviceNotInLease', [a.leaseId, device(5)]);
    await expectRevert(reportSlaBreach(w.oracle, { leases: w.leases, leaseId: a.leaseId, device: device(1), penalty: 0n, evidence: other }), 'LeasesZeroPenalty');
    await expectRevert(reportSlaBreach(w.oracle, { leases: w.leases, leaseId: 9n, device: device(1), penalty: 1n, evidence: other }), 'LeasesLeaseNotFound', [9n]);
    expect(await w.admin.publicClient.readContract({ address: w.staking, abi: recordingStakingAbi, functionName: 'slashCount' })).toBe(1n);
  });
});

describe('Leases access control', () => {
  it('refuses every restricted function to unauthorised accounts with AccessControlUnauthorizedAccount', async () => {
    const a = await open();
    await warp(w, HOUR);
    const rec = record([a.leaseId, device(1), a.start, a.start + 1n, 1n]);
    for (const who of [w.buyer, w.outsider, w.admin]) {
      await expectRevert(settleUsage(who, { leases: w.leases, records: [rec] }), 'AccessControlUnauthorizedAccount', [who.account.address, ORACLE_ROLE]);
      await expectRevert(reportSlaBreach(who, { leases: w.leases, leaseId: a.leaseId, device: device(1), penalty: 1n, evidence: toHex(1, { size: 32 }) }), 'AccessControlUnauthorizedAccount', [who.account.address, ORACLE_ROLE]);
    }
    expect(mapLeasesError(await settleUsage(w.buyer, { leases: w.leases, records: [rec] }).catch((e: unknown) => e)).code).toBe('FORBIDDEN');
    for (const who of [w.oracle, w.buyer, w.outsider]) {
      const denied = [who.account.address, DEFAULT_ADMIN_ROLE];
      await expectRevert(simulate(who, { address: w.leases, abi: leasesAbi, functionName: 'setPayToken', args: [w.outsider.account.address, true] }), 'AccessControlUnauthorizedAccount', denied);
      await expectRevert(simulate(who, { address: w.leases, abi: leasesAbi, functionName: 'setStaking', args: [w.outsider.account.address] }), 'AccessControlUnauthorizedAccount', denied);
      await expectRevert(simulate(who, { address: w.leases, abi: leasesAbi, functionName: 'grantRole', args: [ORACLE_ROLE, who.account.address] }), 'AccessControlUnauthorizedAccount', denied);
    }
  });

  it('lets the admin manage pay tokens and staking, with named errors for bad input', async () => {
    await expectRevert(simulate(w.admin, { address: w.leases, abi: leasesAbi, functionName: 'setPayToken', args: [zeroAddress, true] }), 'LeasesZeroAddress');
    await expectRevert(simulate(w.admin, { address: w.leases, abi: leasesAbi, functionName: 'setPayToken', args: [w.grid, false] }), 'LeasesTokenNotAllowed', [w.grid]);
    await expectRevert(simulate(w.admin, { address: w.leases, abi: leasesAbi, functionName: 'setStaking', args: [zeroAddress] }), 'LeasesZeroAddress');
    await send(w.admin, w.admin.walletClient.writeContract({ address: w.leases, abi: leasesAbi, functionName: 'setPayToken', args: [w.tusd, false] }));
    await expectRevert(open({ token: w.tusd }), 'LeasesTokenNotAllowed', [w.tusd]);
    const me = w.admin.account.address;
    await expectRevert(deployLeases(w.admin, { grid: w.grid, feeVault: w.vault, admin: me, bookingFeeBps: 10_001 }), 'LeasesRateTooHigh', [10_001]);
    await expectRevert(deployLeases(w.admin, { grid: w.grid, feeVault: zeroAddress, admin: me }), 'LeasesZeroAddress');
    // Without Staking, an SLA report cannot be slashed.
    const noStaking = (await deployLeases(w.admin, { grid: w.grid, feeVault: w.vault, admin: me })).address;
    await send(w.admin, w.admin.walletClient.writeContract({ address: noStaking, abi: leasesAbi, functionName: 'grantRole', args: [ORACLE_ROLE, w.oracle.account.address] }));
    await send(w.buyer, w.buyer.walletClient.writeContract({ address: w.grid, abi: gridTokenAbi, functionName: 'approve', args: [noStaking, 10n ** 30n] }));
    const l = await openLease(w.buyer, { leases: noStaking, devices: [device(1)], durationSeconds: HOUR, price: 1n, payToken: w.grid });
    await expectRevert(reportSlaBreach(w.oracle, { leases: noStaking, leaseId: l.leaseId, device: device(1), penalty: 1n, evidence: toHex(1, { size: 32 }) }), 'LeasesZeroAddress');
  });
});

describe('Leases with a hostile pay token', () => {
  async function hostileLease() {
    const a = await open({ token: w.hostile, price: 1_000_000n, duration: HOUR });
    return a;
  }
  const arm = (data: Hex) => send(w.admin, w.admin.walletClient.writeContract({ address: w.hostile, abi: hostileERC20Abi, functionName: 'arm', args: [w.leases, data] }));
  const hostileState = async () => {
    const read = (functionName: 'attempts' | 'anySucceeded') => w.admin.publicClient.readContract({ address: w.hostile, abi: hostileERC20Abi, functionName });
    return { attempts: await read('attempts'), anySucceeded: await read('anySucceeded') };
  };

  it('arms a working hook (a re-entrant view call succeeds), so the failures below are the guard', async () => {
    await arm(encodeFunctionData({ abi: leasesAbi, functionName: 'leaseCount' }));
    await hostileLease();
    expect(await hostileState()).toEqual({ attempts: 1n, anySucceeded: true });
  });

  it('cannot re-enter expire from the refund transfer: one refund, nothing drained', async () => {
    const a = await hostileLease();
    const b = await open({ token: w.hostile, price: 2_000_000n, duration: HOUR, as: w.buyer2 });
    await warp(w, 2n * HOUR);
    await arm(encodeFunctionData({ abi: leasesAbi, functionName: 'expire', args: [a.leaseId] }));
    const before = await balanceOf(w, w.hostile, w.buyer.account.address);
    const closed = await expireLease(w.outsider, { leases: w.leases, leaseId: a.leaseId });
    expect(closed.refund).toBe(1_000_000n);
    expect(await hostileState()).toEqual({ attempts: 1n, anySucceeded: false });
    expect(await balanceOf(w, w.hostile, w.buyer.account.address)).toBe(before + 1_000_000n);
    expect(await balanceOf(w, w.hostile, w.leases)).toBe(2_000_000n);
    expect((await readLease(w.admin.publicClient, { leases: w.leases, leaseId: b.leaseId })).escrow).toBe(2_000_000n);
  });

  it('cannot re-enter settleUsage (even holding ORACLE_ROLE) or terminate from a fee transfer', async () => {
    const a = await hostileLease();
    await warp(w, 30n * 60n);
    await send(w.admin, w.admin.walletClient.writeContract({ address: w.leases, abi: leasesAbi, functionName: 'grantRole', args: [ORACLE_ROLE, w.hostile] }));
    const rec = record([a.leaseId, device(2), a.start, a.start + 60n, 900_000n]);
    await arm(encodeFunctionData({ abi: leasesAbi, functionName: 'settleUsage', args: [[rec]] }));
    await settleUsage(w.oracle, { leases: w.leases, records: [record([a.leaseId, device(1), a.start, a.start + 60n, 1_000n])] });
    expect(await hostileState()).toEqual({ attempts: 1n, anySucceeded: false });
    expect((await readLease(w.admin.publicClient, { leases: w.leases, leaseId: a.leaseId })).escrow).toBe(999_000n);

    await arm(encodeFunctionData({ abi: leasesAbi, functionName: 'terminate', args: [a.leaseId] }));
    await extendLease(w.buyer, { leases: w.leases, leaseId: a.leaseId, extraSeconds: HOUR, extraPrice: 10n });
    expect(await hostileState()).toEqual({ attempts: 2n, anySucceeded: false });
    const lease = await readLease(w.admin.publicClient, { leases: w.leases, leaseId: a.leaseId });
    expect([lease.status, lease.escrow]).toEqual(['active', 999_010n]);
    const credit = 1_000n - fee(1_000n, SUPPLIER);
    expect(await balanceOf(w, w.hostile, w.leases)).toBe(999_010n + credit);
    expect(BPS).toBe(10_000n);
  });
});

describe('gas', () => {
  it('settles 100 records in one batch', async () => {
    const leases: { leaseId: bigint; start: bigint }[] = [];
    for (let i = 0; i < 10; i++) leases.push(await open({ devices: Array.from({ length: 10 }, (_, d) => device(d + 1)), price: 10_000n * GRID }));
    await warp(w, HOUR);
    const records = leases.flatMap((l, i) => Array.from({ length: 10 }, (_, d) => record([l.leaseId, device(d + 1), l.start, l.start + 600n, 3n * GRID + BigInt(d), w.payees[(i + d) % 2]!])));
    const settled = await settleUsage(w.oracle, { leases: w.leases, records });
    gas['settleUsage (100 records, 10 leases x 10 devices)'] = settled.gasUsed;
    expect(settled.gasUsed).toBeLessThan(15_000_000n);
  });
});
