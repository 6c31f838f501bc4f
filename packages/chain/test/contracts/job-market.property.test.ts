import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erc20Abi, keccak256, toHex, type Address, type Hex } from 'viem';
import { jobMarketCallAbi } from '../../src/errors/job-market-errors';
import type { WalletChainClients } from '../../src/clients';
import { GRID, receiptOf, send, startJobMarketFixture, type JobMarketFixture } from './job-market-fixture';
import { JobMarketModel, S } from './job-market-model';
import { eventsSince } from './events-since';

const NUM_RUNS = process.env.CI ? 256 : 25;
const VF = 10n * GRID;
/** The bond each verdict locks: the verifier starts with three verdicts' worth. */
const VB = 30n * GRID;
const WINDOW = 3_600n;
const SPEC = keccak256(toHex('spec'));

type Action =
  | { kind: 'post'; who: number; fee: bigint; gas: bigint; dl: bigint }
  | { kind: 'accept' | 'decline' | 'submit' | 'cancel'; who: number; j: number; any: boolean }
  | { kind: 'timeout' | 'dispute' | 'finalize' | 'contest' | 'resolveAudit'; j: number; any: boolean }
  | { kind: 'expireUnverified'; j: number; any: boolean; late: boolean }
  | { kind: 'bond' | 'unbond'; amount: bigint }
  | { kind: 'verdict'; j: number; any: boolean; passed: boolean }
  | { kind: 'resolve'; j: number; any: boolean; nodeWrong: boolean }
  | { kind: 'jump'; seconds: bigint };

const pick = { j: fc.nat(40) };
/** Mostly aim at a job in the right state; one call in five goes to any job (or none). */
const anyJob = fc.nat(4).map((n) => n === 0);
/** Mostly valid values, sometimes the invalid one. */
const mostly = <T>(bad: T, ...good: T[]): fc.Arbitrary<T> => fc.oneof({ weight: 1, arbitrary: fc.constant(bad) }, { weight: 6, arbitrary: fc.constantFrom(...good) });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('post' as const), who: fc.nat(1), fee: mostly(VF - 1n, VF, 25n * GRID, 60n * GRID + 7n), gas: mostly(0n, 3n, 12n * GRID, 40n * GRID + 1n), dl: mostly(0n, 40n, 600n, 7_200n) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('accept' as const), who: fc.nat(1), j: pick.j, any: anyJob }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decline' as const), who: fc.nat(1), j: pick.j, any: anyJob }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), who: fc.nat(1), j: pick.j, any: anyJob }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('submit' as const), who: fc.nat(1), j: pick.j, any: anyJob }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('timeout' as const), j: pick.j, any: anyJob }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expireUnverified' as const), j: pick.j, any: anyJob, late: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('verdict' as const), j: pick.j, any: anyJob, passed: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dispute' as const), j: pick.j, any: anyJob }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resolve' as const), j: pick.j, any: anyJob, nodeWrong: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolveAudit' as const), j: pick.j, any: anyJob }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('finalize' as const), j: pick.j, any: anyJob }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('contest' as const), j: pick.j, any: anyJob }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bond' as const), amount: mostly(0n, VB, 45n * GRID) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unbond' as const), amount: mostly(0n, VB, 200n * GRID) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('jump' as const), seconds: fc.constantFrom(5n, 120n, 900n, 1_800n, 3_600n, 90_000n) }) },
);

/** The states an action normally needs, to aim most picks at jobs where it can succeed. */
const WANTS: Record<Exclude<Action['kind'], 'post' | 'jump' | 'bond' | 'unbond'>, number[]> = {
  accept: [S.Open], cancel: [S.Open], decline: [S.Accepted], submit: [S.Accepted], timeout: [S.Accepted],
  verdict: [S.Submitted], expireUnverified: [S.Submitted], dispute: [S.Passed], finalize: [S.Passed, S.Rejected], resolve: [S.Disputed, S.Contested], resolveAudit: [S.Disputed], contest: [S.Rejected],
};

describe('JobMarket stateful property (fast-check over anvil)', () => {
  let f: JobMarketFixture;
  let base: Hex;
  beforeAll(async () => {
    f = await startJobMarketFixture({ challengeWindow: WINDOW, verificationWindow: 2n * WINDOW, verifierBond: VB }, { verifierBond: 3n * VB });
    await send(f.cast.admin, { address: f.market, abi: jobMarketCallAbi, functionName: 'setWorkers', args: [f.cast.node.account.address, 2] });
    await send(f.cast.admin, { address: f.market, abi: jobMarketCallAbi, functionName: 'setWorkers', args: [f.cast.node2.account.address, 1] });
    base = await f.test.snapshot();
  });
  afterAll(async () => {
    await f?.anvil.stop();
  });

  it(`keeps the market solvent, conserves GRID and pays nothing twice (${NUM_RUNS} runs × 100+ calls)`, async () => {
    const c = (): JobMarketFixture['cast'] => f.cast;
    const requesters = (): WalletChainClients[] => [c().requester, c().requester2];
    const nodes = (): WalletChainClients[] => [c().node, c().node2];
    const actors = (): WalletChainClients[] => [c().requester, c().requester2, c().node, c().node2, c().verifier, c().whistleblower, c().outsider];
    const pub = () => f.cast.admin.publicClient;
    const grid = (a: Address) => pub().readContract({ address: f.token, abi: erc20Abi, functionName: 'balanceOf', args: [a] });

    const tally = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 100, maxLength: 120 }), async (actions) => {
        await f.test.revert({ id: base });
        base = await f.test.snapshot();
        const startBlock = await pub().getBlockNumber({ cacheTime: 0 });
        let ts = (await pub().getBlock()).timestamp;
        const p = f.params;
        const model = new JobMarketModel(
          { verifierFee: p.verifierFee, depositFactorBps: BigInt(p.depositFactorBps), timeoutPenaltyBps: BigInt(p.timeoutPenaltyBps), declinePenaltyBps: BigInt(p.declinePenaltyBps), failPenaltyBps: BigInt(p.failPenaltyBps), bountyBps: BigInt(p.bountyBps), challengeWindow: p.challengeWindow, verificationWindow: p.verificationWindow, whistleblowerBond: p.whistleblowerBond, verifierBond: p.verifierBond },
          f.market,
          new Map([[c().node.account.address, 2], [c().node2.account.address, 1]]),
        );
        for (const a of actors()) model.balances.set(a.account.address, await grid(a.account.address));
        const [vBond, vLocked] = await pub().readContract({ address: f.market, abi: jobMarketCallAbi, functionName: 'verifierBondOf', args: [c().verifier.account.address] });
        model.bonds.set(c().verifier.account.address, { bond: vBond, locked: vLocked });
        model.owed = await pub().readContract({ address: f.market, abi: jobMarketCallAbi, functionName: 'liabilities' });
        model.balances.set(f.market, await grid(f.market));
        const total = [...model.balances.values()].reduce((x, y) => x + y, 0n);
        const nonces = new Map<Address, number>();
        for (const a of [...actors(), c().referee]) nonces.set(a.account.address, await pub().getTransactionCount({ address: a.account.address }));

        const target = (kind: keyof typeof WANTS, j: number, any: boolean): bigint => {
          const all = model.jobs;
          const wanted = all.filter((x) => WANTS[kind].includes(x.state));
          const pool = any || wanted.length === 0 ? all : wanted;
          return pool.length === 0 ? 1n : (pool[j % pool.length]?.id ?? 1n);
        };
        const tx = async (who: WalletChainClients, call: { fn: string; args: readonly unknown[] }, expected: boolean): Promise<void> => {
          const { fn: functionName, args } = call;
          ts += 1n;
          await f.test.setNextBlockTimestamp({ timestamp: ts });
          const nonce = nonces.get(who.account.address) ?? 0;
          nonces.set(who.account.address, nonce + 1);
          const hash = await who.walletClient.writeContract({ address: f.market, abi: jobMarketCallAbi, functionName, args, gas: 600_000n, nonce, maxFeePerGas: 50_000_000_000n, maxPriorityFeePerGas: 1n } as never);
          const receipt = await receiptOf(who, hash);
          expect({ functionName, args: args.map(String), ok: receipt.status === 'success' }).toEqual({ functionName, args: args.map(String), ok: expected });
          const key = `${functionName}:${expected ? 'ok' : 'reverted'}`;
          tally.set(key, (tally.get(key) ?? 0) + 1);
        };

        for (const a of actions) {
          switch (a.kind) {
            case 'jump':
              ts += a.seconds;
              break;
            case 'post': {
              const who = requesters()[a.who] as WalletChainClients;
              const deadline = ts + 1n + a.dl;
              await tx(who, { fn: 'post', args: [SPEC, a.fee, a.gas, deadline] }, model.post(who.account.address, { fee: a.fee, gas: a.gas, deadline }, ts + 1n));
              break;
            }
            case 'cancel': {
              const who = requesters()[a.who] as WalletChainClients;
              const id = target('cancel', a.j, a.any);
              await tx(who, { fn: 'cancel', args: [id] }, model.cancel(who.account.address, id));
              break;
            }
            case 'accept':
            case 'decline':
            case 'submit': {
              const id = target(a.kind, a.j, a.any);
              // decline and submit mostly come from the job's own node; sometimes from a random one.
              const own = a.kind !== 'accept' && !a.any ? nodes().find((n) => n.account.address === model.job(id)?.node) : undefined;
              const who = own ?? (nodes()[a.who] as WalletChainClients);
              const me = who.account.address;
              const ok = a.kind === 'accept' ? model.accept(me, id, ts + 1n) : a.kind === 'decline' ? model.decline(me, id) : model.submit(me, id, ts + 1n);
              await tx(who, { fn: a.kind, args: a.kind === 'submit' ? [id, SPEC] : [id] }, ok);
              break;
            }
            case 'timeout': {
              const id = target('timeout', a.j, a.any);
              await tx(c().outsider, { fn: 'timeout', args: [id] }, model.timeout(id, ts + 1n));
              break;
            }
            case 'expireUnverified': {
              const id = target('expireUnverified', a.j, a.any);
              // Half the time the job's verification window is waited out first: otherwise a verdict
              // or the run's end nearly always comes first, and some runs never expire a job at all.
              const verifyBy = model.job(id)?.verifyBy ?? 0n;
              if (a.late && verifyBy > ts) ts = verifyBy;
              await tx(c().outsider, { fn: 'expireUnverified', args: [id] }, model.expireUnverified(id, ts + 1n));
              break;
            }
            case 'verdict': {
              const id = target('verdict', a.j, a.any);
              await tx(c().verifier, { fn: 'verdict', args: [id, a.passed] }, model.verdict(c().verifier.account.address, { id, passed: a.passed }, ts + 1n));
              break;
            }
            case 'dispute': {
              const id = target('dispute', a.j, a.any);
              await tx(c().whistleblower, { fn: 'dispute', args: [id, SPEC] }, model.dispute(c().whistleblower.account.address, id, ts + 1n));
              break;
            }
            case 'resolve': {
              const id = target('resolve', a.j, a.any);
              await tx(c().referee, { fn: 'resolve', args: [id, a.nodeWrong] }, model.resolve(id, a.nodeWrong, ts + 1n));
              break;
            }
            case 'resolveAudit': {
              const id = target('resolveAudit', a.j, a.any);
              await tx(c().referee, { fn: 'resolveAudit', args: [id] }, model.resolveAudit(id));
              break;
            }
            case 'finalize': {
              const id = target('finalize', a.j, a.any);
              await tx(c().outsider, { fn: 'finalize', args: [id] }, model.finalize(id, ts + 1n));
              break;
            }
            case 'contest': {
              const id = target('contest', a.j, a.any);
              const own = a.any ? undefined : nodes().find((n) => n.account.address === model.job(id)?.node);
              const who = own ?? c().node2;
              await tx(who, { fn: 'contest', args: [id] }, model.contest(who.account.address, id, ts + 1n));
              break;
            }
            case 'bond':
            case 'unbond': {
              const fn = a.kind === 'bond' ? 'bondVerifier' : 'unbondVerifier';
              const me = c().verifier.account.address;
              await tx(c().verifier, { fn, args: [a.amount] }, a.kind === 'bond' ? model.bondVerifier(me, a.amount) : model.unbondVerifier(me, a.amount));
              break;
            }
          }
          // Solvency after every call: the market holds exactly what it owes (fees + deposits + bonds).
          const [held, owed] = await Promise.all([grid(f.market), pub().readContract({ address: f.market, abi: jobMarketCallAbi, functionName: 'liabilities' })]);
          expect(held).toBeGreaterThanOrEqual(owed);
          expect([held, owed]).toEqual([model.owed, model.owed]);
        }

        // Conservation: every account's GRID is exactly what the model paid it, and nothing was created or lost.
        let sum = 0n;
        for (const addr of model.balances.keys()) {
          const actual = await grid(addr);
          expect({ addr, actual }).toEqual({ addr, actual: model.balances.get(addr) });
          sum += actual;
        }
        expect(sum).toBe(total);
        const bonds = await pub().readContract({ address: f.market, abi: jobMarketCallAbi, functionName: 'verifierBondOf', args: [c().verifier.account.address] });
        const modelBond = model.bonds.get(c().verifier.account.address);
        expect(bonds).toEqual([modelBond?.bond, modelBond?.locked]);
        for (const j of model.jobs) {
          expect({ id: j.id, state: await pub().readContract({ address: f.market, abi: jobMarketCallAbi, functionName: 'stateOf', args: [j.id] }) }).toEqual({ id: j.id, state: j.state });
        }
        for (const [key, shares] of model.shares) {
          const [day, node] = key.split(':') as [string, string];
          const onChain = node === '*'
            ? await pub().readContract({ address: f.market, abi: jobMarketCallAbi, functionName: 'totalSharesOf', args: [BigInt(day)] })
            : await pub().readContract({ address: f.market, abi: jobMarketCallAbi, functionName: 'sharesOf', args: [BigInt(day), node as Address] });
          expect(onChain).toBe(shares);
        }
        // Exactly once: at most one final payout event per job, and none for a live job.
        const events = await eventsSince(pub(), { address: f.market, abi: jobMarketCallAbi, afterBlock: startBlock });
        const finals = new Map<bigint, number>();
        for (const e of events) {
          const final = e.eventName === 'JobSettled' || e.eventName === 'JobFailed' || e.eventName === 'JobTimedOut' || e.eventName === 'JobCancelled' || e.eventName === 'JobUnverified' || (e.eventName === 'DisputeResolved' && e.args.nodeWrong === true);
          if (final) finals.set(e.args.jobId as bigint, (finals.get(e.args.jobId as bigint) ?? 0) + 1);
        }
        for (const j of model.jobs) {
          const closed = ([S.Settled, S.Failed, S.TimedOut, S.Cancelled, S.Slashed, S.Unverified] as number[]).includes(j.state);
          expect({ id: j.id, finals: finals.get(j.id) ?? 0 }).toEqual({ id: j.id, finals: closed ? 1 : 0 });
        }
      }),
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
    console.log('JobMarket property: calls by outcome', Object.fromEntries([...tally].sort()));
    // Every transition was exercised, successfully and not.
    for (const fn of ['post', 'cancel', 'accept', 'decline', 'submit', 'timeout', 'expireUnverified', 'verdict', 'dispute', 'resolve', 'resolveAudit', 'finalize', 'contest', 'bondVerifier', 'unbondVerifier']) {
      expect(tally.get(`${fn}:ok`) ?? 0, fn).toBeGreaterThan(0);
      expect(tally.get(`${fn}:reverted`) ?? 0, fn).toBeGreaterThan(0);
    }
  }, 1_800_000);
});
