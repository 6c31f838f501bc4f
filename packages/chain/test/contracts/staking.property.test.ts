import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keccak256, toHex, type Address, type Hex } from 'viem';
import { mapStakingError } from '../../src/errors/staking-errors';
import { stakingAbi } from '../../src/generated/artifacts';
import { setClassMultiplier } from '../../src/actions/staking/set-class-multiplier';
import { setDevice } from '../../src/actions/staking/set-device';
import { DAY, GRID, setUpStaking, ZERO_ADDRESS, type StakingFixture, type Who } from './staking-fixture';
import { StakingModel, type Outcome } from './staking-model';
import { eventsSince } from './events-since';

const NUM_RUNS = process.env.CI ? 256 : 25;
const POOL: Who[] = ['owner', 'owner2', 'co1', 'co2', 'co3'];
const DEVICES: Hex[] = [keccak256(toHex('device-a')), keccak256(toHex('device-b'))];
const CLASS_A = keccak256(toHex('class-a'));
const CLASS_B = keccak256(toHex('class-b'));
const MAX_CO_STAKERS = 2;

type Cmd =
  | { kind: 'stake' | 'coStake'; d: number; who: number; amount: bigint }
  | { kind: 'open'; d: number; who: number; share: number }
  | { kind: 'close'; d: number; who: number }
  | { kind: 'unstake'; d: number; who: number; quarter: number }
  | { kind: 'withdraw'; pick: number; wrong: boolean }
  | { kind: 'slash'; d: number; amount: bigint; burn: boolean; reuse: boolean }
  | { kind: 'overturn' | 'resolve'; pick: number }
  | { kind: 'claim'; who: number }
  | { kind: 'time'; seconds: bigint }
  | { kind: 'setOwner'; d: number; who: number };

const d = fc.nat({ max: DEVICES.length - 1 });
const who = fc.integer({ min: -2, max: POOL.length - 1 }); // negative: the device's current owner
const amount = fc.oneof(fc.constantFrom(0n, 1n, 10n * GRID, 199n * GRID, 200n * GRID, 300n * GRID, 1_000n * GRID), fc.bigInt({ min: 1n, max: 2_000n * GRID }));
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('stake' as const), d, who, amount }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('coStake' as const), d, who, amount }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('open' as const), d, who, share: fc.constantFrom(0, 1, 500, 2_000, 5_000, 10_000, 10_001) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('close' as const), d, who }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('unstake' as const), d, who, quarter: fc.nat({ max: 5 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat({ max: 40 }), wrong: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('slash' as const), d, amount, burn: fc.boolean(), reuse: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('overturn' as const), pick: fc.nat({ max: 20 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('resolve' as const), pick: fc.nat({ max: 20 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('claim' as const), who }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('time' as const), seconds: fc.constantFrom(3_600n, DAY, 7n * DAY, 14n * DAY - 1n, 14n * DAY, 30n * DAY - 1n, 30n * DAY, 31n * DAY) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('setOwner' as const), d, who: fc.nat({ max: POOL.length - 1 }) }), weight: 1 },
);

describe('Staking: model-based property test on anvil', () => {
  let f: StakingFixture;
  let base: Hex;
  let supply0: bigint;
  const minimums = [300n * GRID, 200n * GRID];

  beforeAll(async () => {
    f = await setUpStaking({ maxCoStakers: BigInt(MAX_CO_STAKERS), minCoStake: 10n * GRID });
    await setClassMultiplier(f.clients.multiplier, { staking: f.staking, hardwareClass: CLASS_A, multiplierBps: 15_000 });
    await setDevice(f.clients.registrar, { staking: f.staking, device: DEVICES[0] as Hex, owner: f.addr.owner, hardwareClass: CLASS_A });
    await setDevice(f.clients.registrar, { staking: f.staking, device: DEVICES[1] as Hex, owner: f.addr.owner2, hardwareClass: CLASS_B });
    supply0 = await f.totalSupply();
    base = await f.snapshot();
  });
  afterAll(async () => {
    await f?.stop();
  });

  it(`keeps Staking solvent and pays everything exactly once (${NUM_RUNS} runs of 100-120 calls)`, { timeout: NUM_RUNS * 20_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 100, maxLength: 120 }), async (cmds) => {
        await f.revert(base);
        base = await f.snapshot();
        const startBlock = await f.clients.admin.publicClient.getBlockNumber({ cacheTime: 0 });
        const model = new StakingModel({ cooldown: 14n * DAY, appealWindow: 30n * DAY, maxCoStakers: MAX_CO_STAKERS, minCoStake: 10n * GRID }, (await f.latestTimestamp()) + 1n);
        DEVICES.forEach((dev, i) => model.addDevice(dev, i === 0 ? f.addr.owner : f.addr.owner2, minimums[i] as bigint));
        for (const w of POOL) model.wallet.set(f.addr[w], await f.balanceOf(f.addr[w]));
        let evidence = 0;
        for (const c of cmds) await step(model, c, () => keccak256(toHex(`ev-${c.kind === 'slash' && c.reuse && evidence > 0 ? evidence : ++evidence}`)));
        await checkEnd(model, startBlock);
      }),
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
    // The sequences reach every kind of successful call, not only reverts.
    for (const fn of ['stake', 'coStake', 'openCoStakeOffer', 'closeCoStakeOffer', 'requestUnstake', 'withdraw', 'slash', 'overturnSlash', 'resolveSlash', 'claimRefund', 'setDevice']) {
      expect(succeeded.get(fn) ?? 0, `successful ${fn} calls`).toBeGreaterThan(0);
    }
  });
  const succeeded = new Map<string, number>();

  const accountOf = (model: StakingModel, c: { d: number; who: number }): Address => {
    if (c.who < 0) return (model.devices.get(DEVICES[c.d] as Hex) as { owner: Address }).owner;
    return f.addr[POOL[c.who] as Who];
  };
  const whoOf = (account: Address): Who => POOL.find((w) => f.addr[w] === account) ?? 'admin';

  async function step(model: StakingModel, c: Cmd, nextEvidence: () => Hex): Promise<void> {
    let caller: Who;
    let fn: string;
    let args: unknown[];
    let outcome: Outcome;
    const dev = 'd' in c ? (DEVICES[c.d] as Hex) : ('0x' as Hex);
    switch (c.kind) {
      case 'time':
        model.now += c.seconds;
        return;
      case 'stake':
      case 'coStake': {
        const account = accountOf(model, c);
        caller = whoOf(account);
        [fn, args] = [c.kind, [dev, c.amount]];
        outcome = c.kind === 'stake' ? model.stake(account, dev, c.amount) : model.coStake(account, dev, c.amount);
        break;
      }
      case 'open':
      case 'close': {
        const account = accountOf(model, c);
        caller = whoOf(account);
        [fn, args] = c.kind === 'open' ? ['openCoStakeOffer', [dev, c.share]] : ['closeCoStakeOffer', [dev]];
        outcome = c.kind === 'open' ? model.openOffer(account, dev, c.share) : model.closeOffer(account, dev);
        break;
      }
      case 'unstake': {
        const account = accountOf(model, c);
        caller = whoOf(account);
        const available = model.activeOf(dev, account);
        const amt = c.quarter === 5 ? available + 1n : (available * BigInt(c.quarter)) / 4n;
        [fn, args] = ['requestUnstake', [dev, amt]];
        outcome = model.requestUnstake(account, dev, amt);
        break;
      }
      case 'withdraw': {
        const id = model.requests.length === 0 ? 1 : (c.pick % (model.requests.length + 1)) + 1;
        const owner = model.requests[id - 1]?.account ?? f.addr.co1;
        const account = c.wrong ? (owner === f.addr.co1 ? f.addr.co2 : f.addr.co1) : owner;
        caller = whoOf(account);
        [fn, args] = ['withdraw', [BigInt(id)]];
        outcome = model.withdraw(account, id);
        break;
      }
      case 'slash': {
        const ev = nextEvidence();
        const beneficiary = c.burn ? ZERO_ADDRESS : f.addr.co3;
        caller = 'slasher';
        [fn, args] = ['slash', [dev, c.amount, ev, beneficiary]];
        outcome = model.slash({ device: dev, amount: c.amount, evidence: ev, beneficiary });
        break;
      }
      case 'overturn':
      case 'resolve': {
        const id = model.slashes.length === 0 ? 1 : (c.pick % (model.slashes.length + 1)) + 1;
        caller = c.kind === 'overturn' ? 'appeals' : 'co1';
        [fn, args] = [c.kind === 'overturn' ? 'overturnSlash' : 'resolveSlash', [BigInt(id)]];
        outcome = c.kind === 'overturn' ? model.overturn(id) : model.resolve(id);
        break;
      }
      case 'claim': {
        const account = f.addr[POOL[Math.max(0, c.who)] as Who];
        caller = whoOf(account);
        [fn, args] = ['claimRefund', []];
        outcome = model.claimRefund(account);
        break;
      }
      case 'setOwner': {
        const owner = f.addr[POOL[c.who] as Who];
        caller = 'registrar';
        [fn, args] = ['setDevice', [dev, owner, c.d === 0 ? CLASS_A : CLASS_B]];
        outcome = model.setDevice(dev, owner);
        break;
      }
    }
    const client = f.clients[caller];
    const request = { account: client.account, address: f.staking, abi: stakingAbi, functionName: fn, args };
    await f.at(model.now);
    if (!outcome.ok) {
      const err = await client.publicClient.simulateContract({ ...request, blockTag: 'pending' } as never).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, `${fn}(${String(args)}) should revert with ${outcome.error}`).toBeDefined();
      expect(mapStakingError(err).data.errorName, `${fn}(${String(args)})`).toBe(outcome.error);
      return;
    }
    // Fixed fees: a run starts by reverting to the snapshot, whose base fee is far above the last
    // run's last block's; fees estimated from that block (cached for the client's polling interval)
    // left a transaction under the base fee, pending forever (CI: a receipt timeout in run 244 of 256).
    const hash = await client.walletClient.writeContract({ ...request, gas: 3_000_000n, maxFeePerGas: 50_000_000_000n, maxPriorityFeePerGas: 1n } as never);
    const receipt = await client.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 5 });
    if (receipt.status !== 'success') {
      const why = await client.publicClient.simulateContract({ ...request, blockNumber: receipt.blockNumber - 1n } as never).catch((e: unknown) => mapStakingError(e).data.errorName);
      expect.fail(`${fn}(${String(args)}) reverted on chain (${String(why)}) but the model expected success`);
    }
    outcome.apply();
    model.now += 1n;
    succeeded.set(fn, (succeeded.get(fn) ?? 0) + 1);
    await checkSolvency(model);
  }

  async function checkSolvency(model: StakingModel): Promise<void> {
    const [totals, balance, supply] = await Promise.all([
      f.clients.admin.publicClient.readContract({ address: f.staking, abi: stakingAbi, functionName: 'totals' }),
      f.balanceOf(f.staking),
      f.totalSupply(),
    ]);
    expect(totals).toEqual(model.totals());
    const owed = totals.reduce((s, x) => s + x, 0n);
    expect(balance).toBeGreaterThanOrEqual(owed);
    expect(balance).toBe(owed); // slashing is exact: no dust is left behind
    expect(supply).toBe(supply0 - model.burned);
  }

  async function checkEnd(model: StakingModel, startBlock: bigint): Promise<void> {
    const pc = f.clients.admin.publicClient;
    const read = <T>(functionName: string, args: unknown[]) => pc.readContract({ address: f.staking, abi: stakingAbi, functionName, args } as never) as Promise<T>;
    const now = await f.latestTimestamp();
    for (const [i, dev] of DEVICES.entries()) {
      const m = model.devices.get(dev) as { owner: Address; shareBps: number; offerOpen: boolean; coStakers: Address[] };
      const info = await read<{ owner: Address; shareBps: number; offerOpen: boolean; ownerStake: bigint; coStake: bigint; pendingUnstake: bigint }>('deviceInfo', [dev]);
      const ownerStake = model.activeOf(dev, m.owner);
      expect(info).toMatchObject({ owner: m.owner, shareBps: m.shareBps, offerOpen: m.offerOpen, ownerStake, coStake: model.deviceActive(dev) - ownerStake, pendingUnstake: model.devicePending(dev) });
      expect(await read('coStakersOf', [dev])).toEqual(m.coStakers);
      // The device's stake history ends at its stake of now (every change checkpoints it).
      expect(await read('lowestStakeBetween', [dev, now, now + 1n])).toBe(model.deviceActive(dev));
      // setDevice keeps each device's class, and no multiplier changes: its minimum is the one it started with.
      expect(await read('minimumStakeAt', [dev, now])).toBe(minimums[i]);
    }
    for (const w of POOL) {
      expect(await f.balanceOf(f.addr[w]), `wallet of ${w}`).toBe(model.wallet.get(f.addr[w]));
      expect(await read('refundOf', [f.addr[w]])).toBe(model.refunds.get(f.addr[w]) ?? 0n);
    }
    for (const [i, r] of model.requests.entries()) {
      expect(await read('unstakeRequest', [BigInt(i + 1)])).toMatchObject({ account: r.account, amount: r.amount, withdrawn: r.withdrawn, unlocksAt: r.unlocksAt });
    }
    // Exactly once: no request paid twice, no slash settled twice.
    const events = await eventsSince(pc, { address: f.staking, abi: stakingAbi, afterBlock: startBlock });
    const count = (name: string, key: (a: Record<string, unknown>) => unknown) => {
      const seen = new Map<unknown, number>();
      for (const e of events.filter((e) => e.eventName === name)) seen.set(key(e.args as Record<string, unknown>), (seen.get(key(e.args as Record<string, unknown>)) ?? 0) + 1);
      return seen;
    };
    for (const n of count('Withdrawn', (a) => a.requestId).values()) expect(n).toBe(1);
    const settled = [...count('SlashResolved', (a) => a.slashId).entries(), ...count('SlashOverturned', (a) => a.slashId).entries()];
    expect(new Set(settled.map(([id]) => id)).size).toBe(settled.length);
    for (const [, n] of settled) expect(n).toBe(1);
    expect(settled.length).toBe(model.slashes.filter((s) => s.status !== 1).length);
  }
});
