import { beforeAll, describe, expect, it } from 'vitest';
import { zeroAddress, type Hex } from 'viem';
import { acceptJob } from '../../src/actions/job-market/accept-job';
import { declineJob } from '../../src/actions/job-market/decline-job';
import { deployJobMarket, JOB_MARKET_DEFAULTS } from '../../src/actions/job-market/deploy-job-market';
import { disputeJob } from '../../src/actions/job-market/dispute-job';
import { finalizeJob } from '../../src/actions/job-market/finalize-job';
import { postJob } from '../../src/actions/job-market/post-job';
import { postVerdict } from '../../src/actions/job-market/post-verdict';
import { readJob } from '../../src/actions/job-market/read-job';
import { resolveDispute } from '../../src/actions/job-market/resolve-dispute';
import { setWorkers } from '../../src/actions/job-market/set-workers';
import { submitResult } from '../../src/actions/job-market/submit-result';
import { timeoutJob } from '../../src/actions/job-market/timeout-job';
import { jobMarketCallAbi, mapJobMarketError } from '../../src/errors/job-market-errors';
import type { WalletChainClients } from '../../src/clients';
import { cancelJob } from '../../src/actions/job-market/cancel-job';
import { failure, grantRoles, GRID, mineAt, now, ORACLE_ROLE, REFEREE_ROLE, VERIFIER_ROLE, type JobMarketFixture } from './job-market-fixture';
import { BOND, BONDED, EVIDENCE, FEE, GAS, ROOT, SPEC, useJobMarket, VF, WINDOW } from './job-market-scenario';

describe('JobMarket on anvil', () => {
  const jm = useJobMarket();
  const { market, addr, bal, read, running, post, passed } = jm;
  let f: JobMarketFixture;
  beforeAll(() => {
    f = jm.fixture();
  });

  it('deploys with the documented defaults', async () => {
    const r = <N extends 'verifierFee' | 'depositFactorBps' | 'timeoutPenaltyBps' | 'declinePenaltyBps' | 'failPenaltyBps' | 'bountyBps' | 'challengeWindow' | 'whistleblowerBond' | 'token'>(functionName: N) =>
      f.cast.admin.publicClient.readContract({ address: market(), abi: jobMarketCallAbi, functionName });
    expect(f.params).toEqual(JOB_MARKET_DEFAULTS);
    expect(await r('verifierFee')).toBe(VF);
    expect(await r('depositFactorBps')).toBe(10_000);
    expect(await r('timeoutPenaltyBps')).toBe(2_500);
    expect(await r('declinePenaltyBps')).toBe(2_500);
    expect(await r('failPenaltyBps')).toBe(2_500);
    expect(await r('bountyBps')).toBe(5_000);
    expect(await r('challengeWindow')).toBe(WINDOW);
    expect(await r('whistleblowerBond')).toBe(BOND);
    expect((await r('token')).toLowerCase()).toBe(f.token.toLowerCase());
  });

  it('refuses a rate above 100% and zero addresses at deployment', async () => {
    const bps = await failure(deployJobMarket(f.cast.admin, { token: f.token, admin: addr(f.cast.admin), params: { bountyBps: 10_001 } }));
    expect(bps.code).toBe('VALIDATION_FAILED');
    expect(bps.data.errorName).toBe('JobMarketInvalidBps');
    expect(bps.data.args).toEqual([10_001]);
    const zero = await failure(deployJobMarket(f.cast.admin, { token: zeroAddress, admin: addr(f.cast.admin) }));
    expect(zero.data.errorName).toBe('JobMarketZeroAddress');
  });

  describe('post and cancel', () => {
    it('escrows the fee and records an open job', async () => {
      const before = await bal(f.cast.requester);
      const { jobId, deadline } = await post();
      expect(jobId).toBe(1n);
      expect(await bal(f.cast.requester)).toBe(before - FEE);
      expect(await bal(market())).toBe(FEE + BONDED);
      expect(await read('liabilities')).toBe(FEE + BONDED);
      const job = await readJob(f.cast.admin.publicClient, { address: market(), jobId });
      expect(job).toMatchObject({ state: 'posted', requester: addr(f.cast.requester), node: zeroAddress, fee: FEE, gas: GAS, deposit: 0n, deadline, specHash: SPEC });
      expect((await post()).jobId).toBe(2n);
    });

    it('refuses a fee below the verifier fee, zero gas, a past deadline and an unfunded fee', async () => {
      const t = await now(f);
      const low = await failure(postJob(f.cast.requester, { address: market(), specHash: SPEC, fee: VF - 1n, gas: GAS, deadline: t + 100n }));
      expect(low.code).toBe('VALIDATION_FAILED');
      expect(low.data.errorName).toBe('JobMarketFeeTooLow');
      expect(low.data.args).toEqual([(VF - 1n).toString(), VF.toString()]);
      await postJob(f.cast.requester, { address: market(), specHash: SPEC, fee: VF, gas: 1n, deadline: t + 100n }); // exactly the verifier fee is enough
      const gas = await failure(postJob(f.cast.requester, { address: market(), specHash: SPEC, fee: FEE, gas: 0n, deadline: t + 100n }));
      expect(gas.data.errorName).toBe('JobMarketZeroGas');
      const past = await failure(postJob(f.cast.requester, { address: market(), specHash: SPEC, fee: FEE, gas: GAS, deadline: t - 1n }));
      expect(past.data.errorName).toBe('JobMarketDeadlineInPast');
      const poor = await failure(postJob(f.cast.requester, { address: market(), specHash: SPEC, fee: 2_000_000n * GRID, gas: GAS, deadline: t + 100n }));
      expect(poor.code).toBe('INSUFFICIENT_FUNDS');
      expect(poor.data.errorName).toBe('ERC20InsufficientBalance');
    });

    it('lets the requester cancel an open job for a full refund, and no one else', async () => {
      const before = await bal(f.cast.requester);
      const { jobId } = await post();
      const other = await failure(cancel(f.cast.requester2, jobId));
      expect(other.code).toBe('FORBIDDEN');
      expect(other.data.errorName).toBe('JobMarketNotRequester');
      const { fee } = await readJob(f.cast.admin.publicClient, { address: market(), jobId });
      expect((await cancelJob(f.cast.requester, { address: market(), jobId })).refunded).toBe(fee);
      expect(await bal(f.cast.requester)).toBe(before);
      expect((await readJob(f.cast.admin.publicClient, { address: market(), jobId })).state).toBe('cancelled');
      const again = await failure(cancel(f.cast.requester, jobId));
      expect(again.code).toBe('JOB_WRONG_STATE');
      expect(again.data.args).toEqual([jobId.toString(), 9]);
      const accepted = (await post()).jobId;
      await acceptJob(f.cast.node, { address: market(), jobId: accepted });
      expect((await failure(cancel(f.cast.requester, accepted))).data.errorName).toBe('JobMarketWrongState');
    });
  });

  async function cancel(who: WalletChainClients, jobId: bigint): Promise<void> {
    await cancelJob(who, { address: market(), jobId });
  }

  describe('accept', () => {
    it('locks gas × depositFactorBps / 10,000 from the node', async () => {
      const { jobId } = await post();
      const before = await bal(f.cast.node);
      const { deposit } = await acceptJob(f.cast.node, { address: market(), jobId });
      expect(deposit).toBe(GAS);
      expect(await bal(f.cast.node)).toBe(before - GAS);
      expect(await read('liabilities')).toBe(FEE + GAS + BONDED);
      expect(await readJob(f.cast.admin.publicClient, { address: market(), jobId })).toMatchObject({ state: 'accepted', node: addr(f.cast.node), deposit: GAS });
      expect(await running(f.cast.node)).toBe(1);
    });

    it('uses the deposit factor of the deployment (150%, rounded down)', async () => {
      const other = await deployJobMarket(f.cast.admin, { token: f.token, admin: addr(f.cast.admin), params: { depositFactorBps: 15_000 } });
      await grantRoles(f.cast, other.address);
      await setWorkers(f.cast.admin, { address: other.address, node: addr(f.cast.node), workers: 1 });
      const t = await now(f);
      const { jobId } = await postJob(f.cast.requester, { address: other.address, specHash: SPEC, fee: FEE, gas: 7n, deadline: t + 100n });
      expect((await acceptJob(f.cast.node, { address: other.address, jobId })).deposit).toBe(10n); // 7 × 1.5 = 10.5
    });

    it('refuses unknown jobs, taken jobs, and jobs past their deadline', async () => {
      const missing = await failure(acceptJob(f.cast.node, { address: market(), jobId: 99n }));
      expect(missing.code).toBe('JOB_NOT_FOUND');
      expect(missing.data.errorName).toBe('JobMarketJobNotFound');
      const { jobId } = await post();
      await acceptJob(f.cast.node, { address: market(), jobId });
      const taken = await failure(acceptJob(f.cast.node2, { address: market(), jobId }));
      expect(taken.code).toBe('JOB_WRONG_STATE');

      const late = await post();
      await mineAt(f, late.deadline + 1n);
      const passedDeadline = await failure(acceptJob(f.cast.node2, { address: market(), jobId: late.jobId }));
      expect(passedDeadline.code).toBe('DEADLINE_PASSED');
      expect(passedDeadline.data.errorName).toBe('JobMarketDeadlinePassed');
    });

    it('accepts at exactly the deadline', async () => {
      const { jobId, deadline } = await post({ deadlineIn: 100n });
      await f.test.setNextBlockTimestamp({ timestamp: deadline });
      await acceptJob(f.cast.node, { address: market(), jobId });
      expect((await readJob(f.cast.admin.publicClient, { address: market(), jobId })).state).toBe('accepted');
    });

    it('caps a node at workersOf(node) running jobs; submit, decline and timeout free a slot', async () => {
      const jobs: { jobId: bigint; deadline: bigint }[] = [];
      for (let i = 0; i < 4; i++) jobs.push(await post({ deadlineIn: 1_000n }));
      const [a, b, c, d] = jobs.map((j) => j.jobId) as [bigint, bigint, bigint, bigint];
      await acceptJob(f.cast.node, { address: market(), jobId: a });
      await acceptJob(f.cast.node, { address: market(), jobId: b });
      const full = await failure(acceptJob(f.cast.node, { address: market(), jobId: c }));
      expect(full.code).toBe('NODE_AT_CAPACITY');
      expect(full.data.errorName).toBe('JobMarketNodeAtCapacity');
      expect(full.data.args).toEqual([addr(f.cast.node), 2, 2]);
      await submitResult(f.cast.node, { address: market(), jobId: a, resultRoot: ROOT });
      expect(await running(f.cast.node)).toBe(1);
      await acceptJob(f.cast.node, { address: market(), jobId: c });
      await declineJob(f.cast.node, { address: market(), jobId: c });
      await acceptJob(f.cast.node, { address: market(), jobId: d });
      expect(await running(f.cast.node)).toBe(2);
      await mineAt(f, (jobs[3]?.deadline ?? 0n) + 1n);
      await timeoutJob(f.cast.outsider, { address: market(), jobId: b });
      expect(await running(f.cast.node)).toBe(1);

      const none = await failure(acceptJob(f.cast.outsider, { address: market(), jobId: 99n }));
      expect(none.code).toBe('JOB_NOT_FOUND');
      const fresh = await post();
      const zero = await failure(acceptJob(f.cast.outsider, { address: market(), jobId: fresh.jobId }));
      expect(zero.data.args).toEqual([addr(f.cast.outsider), 0, 0]); // no workers set: no jobs
    });
  });

  describe('decline and timeout', () => {
    it('decline: 25% of the deposit to the requester, 75% back, and the job reopens for another node', async () => {
      const { jobId } = await post();
      await acceptJob(f.cast.node, { address: market(), jobId });
      const [req, node] = [await bal(f.cast.requester), await bal(f.cast.node)];
      const notNode = await failure(declineJob(f.cast.node2, { address: market(), jobId }));
      expect(notNode.code).toBe('FORBIDDEN');
      expect(notNode.data.errorName).toBe('JobMarketNotNode');
      const r = await declineJob(f.cast.node, { address: market(), jobId });
      expect([r.penalty, r.refunded]).toEqual([GAS / 4n, (GAS * 3n) / 4n]);
      expect(await bal(f.cast.requester)).toBe(req + GAS / 4n);
      expect(await bal(f.cast.node)).toBe(node + (GAS * 3n) / 4n);
      expect(await readJob(f.cast.admin.publicClient, { address: market(), jobId })).toMatchObject({ state: 'posted', node: zeroAddress, deposit: 0n });
      expect(await read('liabilities')).toBe(FEE + BONDED);
      await acceptJob(f.cast.node2, { address: market(), jobId });
      expect((await readJob(f.cast.admin.publicClient, { address: market(), jobId })).node).toBe(addr(f.cast.node2));
    });

    it('timeout: anyone, only after the deadline; 25% penalty and the fee to the requester, 75% to the node, once', async () => {
      const { jobId, deadline } = await post({ deadlineIn: 500n });
      await acceptJob(f.cast.node, { address: market(), jobId });
      await mineAt(f, deadline);
      const early = await failure(timeoutJob(f.cast.outsider, { address: market(), jobId }));
      expect(early.code).toBe('JOB_NOT_DUE');
      expect(early.data.errorName).toBe('JobMarketDeadlineNotPassed');
      await mineAt(f, deadline + 1n);
      const [req, node, out] = [await bal(f.cast.requester), await bal(f.cast.node), await bal(f.cast.outsider)];
      const r = await timeoutJob(f.cast.outsider, { address: market(), jobId });
      expect([r.penalty, r.nodeRefund, r.feeRefund]).toEqual([GAS / 4n, (GAS * 3n) / 4n, FEE]);
      expect(await bal(f.cast.requester)).toBe(req + FEE + GAS / 4n);
      expect(await bal(f.cast.node)).toBe(node + (GAS * 3n) / 4n);
      expect(await bal(f.cast.outsider)).toBe(out);
      expect(await bal(market())).toBe(BONDED);
      expect((await readJob(f.cast.admin.publicClient, { address: market(), jobId })).state).toBe('timed-out');
      expect((await failure(timeoutJob(f.cast.outsider, { address: market(), jobId }))).code).toBe('JOB_WRONG_STATE');
      const open = await post();
      expect((await failure(timeoutJob(f.cast.outsider, { address: market(), jobId: open.jobId }))).data.errorName).toBe('JobMarketWrongState');
    });
  });

  describe('access control', () => {
    const cases: { fn: string; role: Hex; who: (c: JobMarketFixture['cast']) => WalletChainClients[] }[] = [
      { fn: 'verdict', role: VERIFIER_ROLE, who: (c) => [c.outsider, c.referee, c.admin, c.node, c.requester] },
      { fn: 'resolve', role: REFEREE_ROLE, who: (c) => [c.outsider, c.verifier, c.admin, c.whistleblower] },
      { fn: 'resolveAudit', role: REFEREE_ROLE, who: (c) => [c.outsider, c.verifier, c.admin, c.whistleblower] },
      { fn: 'setWorkers', role: ORACLE_ROLE, who: (c) => [c.outsider, c.verifier, c.referee, c.node] },
    ];
    it.each(cases)('$fn refuses accounts without its role with AccessControlUnauthorizedAccount', async ({ fn, role, who }) => {
      const { jobId } = await passed();
      for (const c of who(f.cast)) {
        const args = fn === 'setWorkers' ? [addr(c), 5] : fn === 'resolveAudit' ? [jobId] : [jobId, true];
        const err = await failure(
          c.publicClient.simulateContract({ account: c.account, address: market(), abi: jobMarketCallAbi, functionName: fn, args } as never).catch((e: unknown) => {
            throw mapJobMarketError(e);
          }),
        );
        expect(err.code).toBe('FORBIDDEN');
        expect(err.data.errorName).toBe('AccessControlUnauthorizedAccount');
        expect(err.data.args).toEqual([addr(c), role]);
      }
    });

    it('setWorkers refuses the zero address', async () => {
      expect((await failure(setWorkers(f.cast.admin, { address: market(), node: zeroAddress, workers: 1 }))).data.errorName).toBe('JobMarketZeroAddress');
    });
  });

  it('emits one event per state transition, in order', async () => {
    const from = await f.cast.admin.publicClient.getBlockNumber({ cacheTime: 0 });
    const { jobId, challengeEndsAt } = await passed();
    await mineAt(f, challengeEndsAt);
    await finalizeJob(f.cast.outsider, { address: market(), jobId });
    const declined = (await post()).jobId;
    await acceptJob(f.cast.node, { address: market(), jobId: declined });
    await declineJob(f.cast.node, { address: market(), jobId: declined });
    await cancel(f.cast.requester, declined);
    const logs = await f.cast.admin.publicClient.getContractEvents({ address: market(), abi: jobMarketCallAbi, fromBlock: from + 1n });
    expect(logs.map((l) => l.eventName)).toEqual(['JobPosted', 'JobAccepted', 'JobSubmitted', 'JobVerified', 'JobSettled', 'JobPosted', 'JobAccepted', 'JobDeclined', 'JobCancelled']);
  });

  it('reports gas of each step', async () => {
    const t = await now(f);
    const p = await postJob(f.cast.requester, { address: market(), specHash: SPEC, fee: FEE, gas: GAS, deadline: t + 3_600n });
    const a = await acceptJob(f.cast.node, { address: market(), jobId: p.jobId });
    const s = await submitResult(f.cast.node, { address: market(), jobId: p.jobId, resultRoot: ROOT });
    const v = await postVerdict(f.cast.verifier, { address: market(), jobId: p.jobId, passed: true });
    const snap = await f.test.snapshot();
    if (v.kind !== 'passed') throw new Error('expected a pass');
    await mineAt(f, v.challengeEndsAt);
    const fin = await finalizeJob(f.cast.outsider, { address: market(), jobId: p.jobId });
    await f.test.revert({ id: snap });
    const d = await disputeJob(f.cast.whistleblower, { address: market(), jobId: p.jobId, evidence: EVIDENCE });
    const r = await resolveDispute(f.cast.referee, { address: market(), jobId: p.jobId, nodeWrong: true });
    const gas = { post: p.gasUsed, accept: a.gasUsed, submit: s.gasUsed, verdict: v.gasUsed, finalize: fin.gasUsed, dispute: d.gasUsed, resolve: r.gasUsed };
    console.log('JobMarket gas', Object.fromEntries(Object.entries(gas).map(([k, g]) => [k, Number(g)])));
    for (const g of Object.values(gas)) expect(g).toBeLessThan(250_000n);
  });
});

