import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Address, type Hex } from 'viem';
import { ANVIL_DEV_KEYS } from '../../src/anvil/dev-keys';
import { createChainClients, type WalletChainClients } from '../../src/clients';
import { expireLease } from '../../src/actions/leases/expire-lease';
import { extendLease } from '../../src/actions/leases/extend-lease';
import { openLease } from '../../src/actions/leases/open-lease';
import { readLease } from '../../src/actions/leases/read-lease';
import { settleUsage, type UsageRecord } from '../../src/actions/leases/settle-usage';
import { terminateLease } from '../../src/actions/leases/terminate-lease';
import { withdrawEarnings } from '../../src/actions/leases/withdraw-earnings';
import { feeVaultAbi, leasesAbi } from '../../src/generated/artifacts';
import { balanceOf, deployWorld, device, expectRevert, fee, GRID, now, USD, warp, type World } from './fixture';
import { eventsSince } from './events-since';

// Stateful property test (the Foundry handler/invariant pattern with fast-check): random
// sequences of 100+ calls against Leases on anvil, a TypeScript model as the ghost state.
const RUNS = process.env.CI ? 256 : 25;
const GRACE = 3_600n;
const SLACK = 3n; // seconds: time checks closer than this to a boundary are skipped (block time may move by a second)

interface ModelLease {
  id: bigint;
  buyer: number;
  token: Address;
  end: bigint;
  state: 'active' | 'terminated' | 'closed';
  price: bigint;
  escrow: bigint;
  devices: Hex[];
  until: Map<Hex, bigint>;
  /** Every settled period per device, to prove no moment is paid twice. */
  periods: Map<Hex, [bigint, bigint][]>;
  refunds: number;
  settled: bigint;
}

interface Ghost {
  paid: bigint;
  fees: bigint;
  credits: bigint;
  refunds: bigint;
  withdrawn: bigint;
}

interface Model {
  leases: ModelLease[];
  ghost: Record<string, Ghost>;
  earnings: Map<string, bigint>;
}

interface Real {
  w: World;
  buyers: WalletChainClients[];
  payees: WalletChainClients[];
  tokens: Address[];
}

let w: World;
let real: Real;
let snapshot: Hex;

beforeAll(async () => {
  w = await deployWorld({ graceSeconds: GRACE });
  const base = { rpcUrl: w.anvil.rpcUrl, chainId: w.anvil.chainId, pollingIntervalMs: 10 };
  real = {
    w,
    buyers: [w.buyer, w.buyer2],
    payees: [createChainClients({ ...base, privateKey: ANVIL_DEV_KEYS[8] }), createChainClients({ ...base, privateKey: ANVIL_DEV_KEYS[9] })],
    tokens: [w.grid, w.tusd],
  };
  snapshot = await w.test.snapshot();
}, 60_000);
afterAll(async () => {
  await w?.anvil.stop();
});

const key = (payee: number, token: Address) => `${payee}:${token}`;
/** How often each call succeeded or was refused as predicted, over all runs: the test proves it exercised every path. */
const stats: Record<string, number> = {};
const count = (what: string) => (stats[what] = (stats[what] ?? 0) + 1);
const pick = <T>(xs: readonly T[], seed: number): T | undefined => (xs.length === 0 ? undefined : xs[seed % xs.length]);

type Cmd = fc.AsyncCommand<Model, Real>;

class Open implements Cmd {
  constructor(readonly p: { buyer: number; token: number; mask: number; duration: number; price: bigint }) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const token = r.tokens[this.p.token]!;
    const devices = [1, 2, 3, 4].filter((d) => this.p.mask & (1 << (d - 1))).map(device);
    const price = this.p.token === 0 ? this.p.price * 10n ** 12n : this.p.price;
    const out = await openLease(r.buyers[this.p.buyer]!, { leases: r.w.leases, devices, durationSeconds: BigInt(this.p.duration), price, payToken: token });
    const fees = out.bookingFee + out.stablecoinFee;
    expect(out.bookingFee).toBe(fee(price, 25n));
    expect(out.stablecoinFee).toBe(this.p.token === 0 ? 0n : fee(price, 200n));
    m.ghost[token]!.paid += price + fees;
    m.ghost[token]!.fees += fees;
    const until = new Map(devices.map((d) => [d, out.start]));
    count('open');
    m.leases.push({ id: out.leaseId, buyer: this.p.buyer, token, end: out.end, state: 'active', price, escrow: price, devices, until, periods: new Map(), refunds: 0, settled: 0n });
  }
  toString = () => `open(${JSON.stringify({ ...this.p, price: String(this.p.price) })})`;
}

interface RecordSeed {
  lease: number;
  dev: number;
  gap: number;
  len: number;
  frac: number;
  payee: number;
}

class Settle implements Cmd {
  constructor(readonly seeds: RecordSeed[], readonly mode: 'ok' | 'dup' | 'over') {}
  check = () => true;
  async run(m: Model, r: Real) {
    const latest = await now(r.w);
    const open = m.leases.filter((l) => l.state !== 'closed');
    const until = new Map<string, bigint>();
    const escrow = new Map<bigint, bigint>();
    const records: { rec: UsageRecord; lease: ModelLease; payee: number }[] = [];
    for (const s of this.seeds) {
      const lease = pick(open, s.lease);
      if (!lease) continue;
      const dev = pick(lease.devices, s.dev)!;
      const k = `${lease.id}:${dev}`;
      const start = (until.get(k) ?? lease.until.get(dev)!) + BigInt(s.gap);
      const limit = lease.end < latest ? lease.end : latest;
      const end = start + BigInt(s.len) < limit ? start + BigInt(s.len) : limit;
      if (end <= start) continue;
      const left = escrow.get(lease.id) ?? lease.escrow;
      const amount = (left * BigInt(s.frac)) / 100n;
      until.set(k, end);
      escrow.set(lease.id, left - amount);
      records.push({ rec: { leaseId: lease.id, device: dev, payee: r.payees[s.payee]!.account.address, periodStart: start, periodEnd: end, amount }, lease, payee: s.payee });
    }
    if (records.length === 0) return;
    const batch = records.map((x) => x.rec);
    if (this.mode === 'dup') {
      const first = batch[0]!;
      await expectRevert(settleUsage(r.w.oracle, { leases: r.w.leases, records: [...batch, { ...first, periodEnd: first.periodStart + 1n, amount: 0n }] }), 'LeasesPeriodAlreadySettled');
      count('settle refused: already settled');
      return;
    }
    if (this.mode === 'over') {
      const last = records[records.length - 1]!;
      const left = escrow.get(last.lease.id)! + last.rec.amount;
      await expectRevert(settleUsage(r.w.oracle, { leases: r.w.leases, records: [...batch.slice(0, -1), { ...last.rec, amount: left + 1n }] }), 'LeasesEscrowExceeded');
      count('settle refused: escrow exceeded');
      return;
    }
    await settleUsage(r.w.oracle, { leases: r.w.leases, records: batch });
    count('settle');
    if (batch.some((x) => x.leaseId !== batch[0]!.leaseId)) count('settle across leases');
    for (const { rec, lease, payee } of records) {
      const f = fee(rec.amount, 25n);
      lease.escrow -= rec.amount;
      lease.settled += rec.amount;
      lease.until.set(rec.device, rec.periodEnd);
      const list = lease.periods.get(rec.device) ?? [];
      for (const [a, b] of list) expect(rec.periodStart >= b || rec.periodEnd <= a, 'a moment settled twice').toBe(true);
      list.push([rec.periodStart, rec.periodEnd]);
      lease.periods.set(rec.device, list);
      m.ghost[lease.token]!.fees += f;
      m.ghost[lease.token]!.credits += rec.amount - f;
      const k = key(payee, lease.token);
      m.earnings.set(k, (m.earnings.get(k) ?? 0n) + rec.amount - f);
    }
  }
  toString = () => `settle(${this.mode}, ${JSON.stringify(this.seeds)})`;
}

class Extend implements Cmd {
  constructor(readonly p: { lease: number; seconds: number; price: bigint }) {}
  check = (m: Readonly<Model>) => m.leases.length > 0;
  async run(m: Model, r: Real) {
    const lease = pick(m.leases, this.p.lease)!;
    const latest = await now(r.w);
    const call = () => extendLease(r.buyers[lease.buyer]!, { leases: r.w.leases, leaseId: lease.id, extraSeconds: BigInt(this.p.seconds), extraPrice: this.p.price });
    if (lease.state !== 'active' || latest >= lease.end) return expectRevert(call(), 'LeasesLeaseEnded').then(() => void count(`${this.constructor.name} refused: ended`));
    if (latest + SLACK >= lease.end) return;
    const out = await call();
    const fees = out.bookingFee + out.stablecoinFee;
    expect(fees).toBe(fee(this.p.price, 25n) + (lease.token === r.tokens[0] ? 0n : fee(this.p.price, 200n)));
    lease.end = out.newEnd;
    lease.price += this.p.price;
    count('extend');
    lease.escrow += this.p.price;
    m.ghost[lease.token]!.paid += this.p.price + fees;
    m.ghost[lease.token]!.fees += fees;
  }
  toString = () => `extend(${this.p.lease}, ${this.p.seconds}, ${this.p.price})`;
}

class Terminate implements Cmd {
  constructor(readonly lease: number) {}
  check = (m: Readonly<Model>) => m.leases.length > 0;
  async run(m: Model, r: Real) {
    const lease = pick(m.leases, this.lease)!;
    const latest = await now(r.w);
    const call = () => terminateLease(r.buyers[lease.buyer]!, { leases: r.w.leases, leaseId: lease.id });
    if (lease.state !== 'active' || latest >= lease.end) return expectRevert(call(), 'LeasesLeaseEnded').then(() => void count(`${this.constructor.name} refused: ended`));
    if (latest + SLACK >= lease.end) return;
    const out = await call();
    expect(out.refund).toBe(0n);
    lease.end = out.endedAt;
    lease.state = 'terminated';
    count('terminate');
  }
  toString = () => `terminate(${this.lease})`;
}

class Expire implements Cmd {
  constructor(readonly lease: number, readonly byOracle: boolean) {}
  check = (m: Readonly<Model>) => m.leases.length > 0;
  async run(m: Model, r: Real) {
    const lease = pick(m.leases, this.lease)!;
    const latest = await now(r.w);
    const who = this.byOracle ? r.w.oracle : r.w.outsider;
    const call = () => expireLease(who, { leases: r.w.leases, leaseId: lease.id });
    if (lease.state === 'closed') return expectRevert(call(), 'LeasesLeaseClosed').then(() => void count('expire refused: closed'));
    const availableAt = this.byOracle ? lease.end : lease.end + GRACE;
    if (latest + SLACK < availableAt) return expectRevert(call(), 'LeasesNotExpired').then(() => void count('expire refused: not yet'));
    if (latest < availableAt) return;
    const out = await call();
    expect(out.refund).toBe(lease.escrow);
    m.ghost[lease.token]!.refunds += lease.escrow;
    lease.escrow = 0n;
    lease.state = 'closed';
    lease.refunds += 1;
    count(this.byOracle ? 'expire by oracle' : 'expire by anyone');
    if (lease.state === 'closed' && lease.settled > 0n) count('expire after usage');
  }
  toString = () => `expire(${this.lease}, ${this.byOracle ? 'oracle' : 'anyone'})`;
}

class Warp implements Cmd {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    await warp(r.w, BigInt(this.seconds));
  }
  toString = () => `warp(${this.seconds})`;
}

class Withdraw implements Cmd {
  constructor(readonly payee: number, readonly token: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const token = r.tokens[this.token]!;
    const owed = m.earnings.get(key(this.payee, token)) ?? 0n;
    const call = () => withdrawEarnings(r.payees[this.payee]!, { leases: r.w.leases, token });
    if (owed === 0n) return expectRevert(call(), 'LeasesNothingToWithdraw').then(() => void count('withdraw refused: nothing'));
    expect((await call()).amount).toBe(owed);
    m.earnings.set(key(this.payee, token), 0n);
    m.ghost[token]!.withdrawn += owed;
    count('withdraw');
  }
  toString = () => `withdraw(${this.payee}, ${this.token})`;
}

const recordSeed = fc.record({ lease: fc.nat(50), dev: fc.nat(3), gap: fc.nat(600), len: fc.integer({ min: 1, max: 7_200 }), frac: fc.nat(100), payee: fc.nat(1) });
const commandArb = fc.oneof(
  { arbitrary: fc.record({ buyer: fc.nat(1), token: fc.nat(1), mask: fc.integer({ min: 1, max: 15 }), duration: fc.integer({ min: 60, max: 36_000 }), price: fc.bigInt({ min: 1n, max: 10n ** 9n }) }).map((p) => new Open(p)), weight: 3 },
  { arbitrary: fc.tuple(fc.array(recordSeed, { minLength: 1, maxLength: 6 }), fc.constantFrom('ok', 'ok', 'ok', 'ok', 'dup', 'over') as fc.Arbitrary<'ok' | 'dup' | 'over'>).map(([s, mode]) => new Settle(s, mode)), weight: 5 },
  { arbitrary: fc.record({ lease: fc.nat(50), seconds: fc.integer({ min: 1, max: 7_200 }), price: fc.bigInt({ min: 1n, max: 10n ** 8n }) }).map((p) => new Extend(p)), weight: 2 },
  { arbitrary: fc.nat(50).map((l) => new Terminate(l)), weight: 2 },
  { arbitrary: fc.tuple(fc.nat(50), fc.boolean()).map(([l, o]) => new Expire(l, o)), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 20_000 }).map((s) => new Warp(s)), weight: 3 },
  { arbitrary: fc.tuple(fc.nat(1), fc.nat(1)).map(([p, t]) => new Withdraw(p, t)), weight: 1 },
);

/** Solvency after every call: Leases holds exactly the escrow of open leases plus the unwithdrawn credits, per token. */
async function checkSolvency(m: Model, r: Real) {
  for (const token of r.tokens) {
    const escrow = m.leases.filter((l) => l.token === token).reduce((s, l) => s + l.escrow, 0n);
    const credits = [0, 1].reduce((s, p) => s + (m.earnings.get(key(p, token)) ?? 0n), 0n);
    const held = await balanceOf(r.w, token, r.w.leases);
    expect(held).toBeGreaterThanOrEqual(escrow + credits);
    expect(held).toBe(escrow + credits);
  }
}

/** At the end of a run: conservation per token against the chain, each lease as modelled, refunds at most once. */
async function checkEnd(m: Model, r: Real, start: { balances: bigint[][]; fromBlock: bigint }) {
  const { balances: startBalances, fromBlock } = start;
  for (const [t, token] of r.tokens.entries()) {
    const g = m.ghost[token]!;
    const escrow = m.leases.filter((l) => l.token === token).reduce((s, l) => s + l.escrow, 0n);
    // buyer payments = supplier credits + fees + refunds + escrow held
    expect(g.paid).toBe(g.credits + g.fees + g.refunds + escrow);
    const buyersNow = await Promise.all(r.buyers.map((b) => balanceOf(r.w, token, b.account.address)));
    const paidOnChain = buyersNow.reduce((s, b, i) => s + startBalances[t]![i]! - b, 0n);
    expect(paidOnChain).toBe(g.paid - g.refunds);
    const payeesNow = await Promise.all(r.payees.map((p) => balanceOf(r.w, token, p.account.address)));
    expect(payeesNow.reduce((s, b, i) => s + b - startBalances[t]![2 + i]!, 0n)).toBe(g.withdrawn);
  }
  const vaultUsd = await balanceOf(r.w, r.tokens[1]!, r.w.vault);
  expect(vaultUsd - startBalances[2]![0]!).toBe(m.ghost[r.tokens[1]!]!.fees);
  const burned = await r.w.admin.publicClient.readContract({ address: r.w.vault, abi: feeVaultAbi, functionName: 'totalBurned' });
  expect(burned - startBalances[2]![1]!).toBe(m.ghost[r.tokens[0]!]!.fees);
  for (const l of m.leases) {
    const onChain = await readLease(r.w.admin.publicClient, { leases: r.w.leases, leaseId: l.id });
    expect({ status: onChain.status, escrow: onChain.escrow, end: onChain.end, settled: onChain.settled }).toEqual({ status: l.state, escrow: l.escrow, end: l.end, settled: l.settled });
    expect(l.refunds).toBeLessThanOrEqual(1);
  }
  // From the chain's own events: no refund paid twice, no moment settled twice, never more than the price.
  const logs = await eventsSince(r.w.admin.publicClient, { address: r.w.leases, abi: leasesAbi, afterBlock: fromBlock - 1n });
  const refundsPerLease = new Map<bigint, number>();
  const periods = new Map<string, [bigint, bigint][]>();
  const out = new Map<bigint, bigint>();
  for (const log of logs) {
    if (log.eventName === 'LeaseExpired') {
      refundsPerLease.set(log.args.leaseId!, (refundsPerLease.get(log.args.leaseId!) ?? 0) + 1);
      out.set(log.args.leaseId!, (out.get(log.args.leaseId!) ?? 0n) + log.args.refund!);
    }
    if (log.eventName === 'UsageSettled') {
      const k = `${log.args.leaseId}:${log.args.device}`;
      const list = periods.get(k) ?? [];
      for (const [a, b] of list) expect(log.args.periodStart! >= b || log.args.periodEnd! <= a).toBe(true);
      list.push([log.args.periodStart!, log.args.periodEnd!]);
      periods.set(k, list);
      out.set(log.args.leaseId!, (out.get(log.args.leaseId!) ?? 0n) + log.args.amount!);
    }
  }
  for (const n of refundsPerLease.values()) expect(n).toBe(1);
  for (const l of m.leases) expect(out.get(l.id) ?? 0n).toBe(l.price - l.escrow);
}

it(
  `keeps Leases solvent and conserving over random sequences of 100+ calls (${RUNS} runs)`,
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 100, maxLength: 130 }), async (cmds) => {
        await w.test.revert({ id: snapshot });
        snapshot = await w.test.snapshot();
        const fromBlock = (await w.admin.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
        const startBalances = await Promise.all(
          real.tokens.map((t) => Promise.all([...real.buyers, ...real.payees].map((c) => balanceOf(w, t, c.account.address)))),
        );
        startBalances.push([
          await balanceOf(w, w.tusd, w.vault),
          await w.admin.publicClient.readContract({ address: w.vault, abi: feeVaultAbi, functionName: 'totalBurned' }),
        ]);
        const model: Model = {
          leases: [],
          ghost: Object.fromEntries(real.tokens.map((t) => [t, { paid: 0n, fees: 0n, credits: 0n, refunds: 0n, withdrawn: 0n }])),
          earnings: new Map(),
        };
        for (const cmd of cmds) {
          if (!cmd.check(model)) continue;
          await cmd.run(model, real);
          await checkSolvency(model, real);
        }
        await checkEnd(model, real, { balances: startBalances, fromBlock });
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    const paths = ['open', 'settle', 'settle across leases', 'settle refused: already settled', 'settle refused: escrow exceeded', 'extend', 'Extend refused: ended', 'terminate', 'Terminate refused: ended', 'expire by oracle', 'expire by anyone', 'expire after usage', 'expire refused: closed', 'expire refused: not yet', 'withdraw', 'withdraw refused: nothing'];
    for (const path of paths) expect(stats[path] ?? 0, `${path} was exercised`).toBeGreaterThan(0);
    console.log('Leases property test, outcomes over all runs:', stats);
  },
  RUNS * 6_000 + 60_000,
);

// Sanity of the arbitrary units used above.
it('prices GRID leases in 1e12 base-unit steps and tUSD in base units', () => {
  expect(10n ** 9n * 10n ** 12n).toBe(1_000n * GRID);
  expect(10n ** 9n).toBe(1_000n * USD);
});
