/** JobMarket on anvil: results, verdicts, the challenge window and disputes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptJob } from '../../src/actions/job-market/accept-job';
import { disputeJob } from '../../src/actions/job-market/dispute-job';
import { finalizeJob } from '../../src/actions/job-market/finalize-job';
import { postVerdict } from '../../src/actions/job-market/post-verdict';
import { readJob } from '../../src/actions/job-market/read-job';
import { readShares } from '../../src/actions/job-market/read-shares';
import { resolveDispute } from '../../src/actions/job-market/resolve-dispute';
import { submitResult } from '../../src/actions/job-market/submit-result';
import { contestJob } from '../../src/actions/job-market/contest-job';
import { bondVerifier, readVerifierBond, unbondVerifier } from '../../src/actions/job-market/verifier-bond';
import { expireUnverifiedJob } from '../../src/actions/job-market/timeout-job';
import { JOB_MARKET_DEFAULTS } from '../../src/actions/job-market/deploy-job-market';
import { jobMarketCallAbi } from '../../src/errors/job-market-errors';
import { failure, GRID, send, mineAt, now, type JobMarketFixture } from './job-market-fixture';
import { BOND, BONDED, EVIDENCE, FEE, GAS, ROOT, useJobMarket, VB, VF, WINDOW } from './job-market-scenario';

describe('JobMarket verdicts and disputes on anvil', () => {
  const jm = useJobMarket();
  const { market, addr, bal, read, post, passed, submitted } = jm;
  const bond = () => readVerifierBond(f.cast.admin, { address: market(), verifier: addr(f.cast.verifier) });
  let f: JobMarketFixture;
  beforeAll(() => {
    f = jm.fixture();
  });

  describe('submit and verdict', () => {
    it('submit: the node only, by the deadline (inclusive)', async () => {
      const { jobId, deadline } = await post({ deadlineIn: 300n });
      await acceptJob(f.cast.node, { address: market(), jobId });
      expect((await failure(submitResult(f.cast.node2, { address: market(), jobId, resultRoot: ROOT }))).data.errorName).toBe('JobMarketNotNode');
      await f.test.setNextBlockTimestamp({ timestamp: deadline });
      await submitResult(f.cast.node, { address: market(), jobId, resultRoot: ROOT });
      expect(await readJob(f.cast.admin.publicClient, { address: market(), jobId })).toMatchObject({ state: 'submitted', resultRoot: ROOT });

      const late = await post({ deadlineIn: 300n });
      await acceptJob(f.cast.node, { address: market(), jobId: late.jobId });
      await mineAt(f, late.deadline + 1n);
      const err = await failure(submitResult(f.cast.node, { address: market(), jobId: late.jobId, resultRoot: ROOT }));
      expect(err.code).toBe('DEADLINE_PASSED');
      expect(err.data.errorName).toBe('JobMarketDeadlinePassed');
    });

    it('pass: shares on the UTC day of the verdict; after the window the node gets fee − 10 + deposit, the verifier 10, once', async () => {
      const [node, ver] = [await bal(f.cast.node), await bal(f.cast.verifier)];
      const { jobId, challengeEndsAt, day } = await passed();
      const t = await now(f);
      expect(day).toBe(t / 86_400n);
      expect(challengeEndsAt).toBe(t + WINDOW);
      expect(await readShares(f.cast.admin.publicClient, { address: market(), day, node: addr(f.cast.node) })).toEqual({ shares: GAS, totalShares: GAS });
      expect(await readJob(f.cast.admin.publicClient, { address: market(), jobId })).toMatchObject({ state: 'verified', verifier: addr(f.cast.verifier), challengeEndsAt, verdictDay: day });
      expect(await bal(f.cast.verifier)).toBe(ver); // held until the window closes

      await mineAt(f, challengeEndsAt - 1n);
      const open = await failure(finalizeJob(f.cast.outsider, { address: market(), jobId }));
      expect(open.code).toBe('JOB_NOT_DUE');
      expect(open.data.errorName).toBe('JobMarketChallengeWindowOpen');
      // Exactly at the window's end: sent without simulation (eth_call runs at the latest block's time).
      await f.test.setNextBlockTimestamp({ timestamp: challengeEndsAt });
      expect((await send(f.cast.outsider, { address: market(), abi: jobMarketCallAbi, functionName: 'finalize', args: [jobId] }, 300_000n)).status).toBe('success');
      const [settled] = await f.cast.admin.publicClient.getContractEvents({ address: market(), abi: jobMarketCallAbi, eventName: 'JobSettled', fromBlock: 'latest' });
      expect([settled?.args.nodePaid, settled?.args.verifierPaid]).toEqual([FEE - VF + GAS, VF]);
      expect(await bal(f.cast.node)).toBe(node + FEE - VF); // paid the deposit, got it back
      expect(await bal(f.cast.verifier)).toBe(ver + VF);
      expect(await bal(market())).toBe(BONDED);
      expect(await read('liabilities')).toBe(BONDED);
      expect((await readJob(f.cast.admin.publicClient, { address: market(), jobId })).state).toBe('settled');
      expect((await failure(finalizeJob(f.cast.outsider, { address: market(), jobId }))).code).toBe('JOB_WRONG_STATE');
    });

    it('reject, uncontested: after the window the verifier fee from the deposit, 25% and the fee to the requester, the rest to the node', async () => {
      const jobId = await submitted();
      const [req, node, ver] = [await bal(f.cast.requester), await bal(f.cast.node), await bal(f.cast.verifier)];
      const r = await postVerdict(f.cast.verifier, { address: market(), jobId, passed: false });
      expect(r).toMatchObject({ kind: 'rejected', contestEndsAt: (await now(f)) + WINDOW });
      expect(await bond()).toEqual({ bond: 10n * VB, locked: VB });
      expect((await readJob(f.cast.admin.publicClient, { address: market(), jobId })).state).toBe('rejected');
      expect(await bal(f.cast.requester)).toBe(req); // nothing moves until the window closes
      expect((await failure(finalizeJob(f.cast.outsider, { address: market(), jobId }))).code).toBe('JOB_NOT_DUE');
      await mineAt(f, r.kind === 'rejected' ? r.contestEndsAt : 0n);
      const closed = await failure(contestJob(f.cast.node, { address: market(), jobId }));
      expect(closed.data.errorName).toBe('JobMarketChallengeWindowClosed');
      expect(await finalizeJob(f.cast.outsider, { address: market(), jobId })).toMatchObject({ kind: 'failed', verifierPaid: VF, penalty: GAS / 4n, nodeRefund: GAS - VF - GAS / 4n, feeRefund: FEE });
      expect(await bond()).toEqual({ bond: 10n * VB, locked: 0n });
      expect(await bal(f.cast.verifier)).toBe(ver + VF);
      expect(await bal(f.cast.requester)).toBe(req + FEE + GAS / 4n);
      expect(await bal(f.cast.node)).toBe(node + GAS - VF - GAS / 4n);
      expect(await bal(market())).toBe(BONDED);
      expect((await readJob(f.cast.admin.publicClient, { address: market(), jobId })).state).toBe('failed');
      expect((await failure(postVerdict(f.cast.verifier, { address: market(), jobId, passed: true }))).code).toBe('JOB_WRONG_STATE');
      const day = (await now(f)) / 86_400n;
      expect((await readShares(f.cast.admin.publicClient, { address: market(), day, node: addr(f.cast.node) })).shares).toBe(0n);
    });

    it('fail with a deposit too small for fee and penalty: the verifier first, the penalty capped, the node gets nothing', async () => {
      const jobId = await submitted({ gas: 12n * GRID });
      const tiny = await submitted({ gas: 3n });
      await postVerdict(f.cast.verifier, { address: market(), jobId, passed: false });
      await postVerdict(f.cast.verifier, { address: market(), jobId: tiny, passed: false });
      await mineAt(f, (await now(f)) + WINDOW);
      expect(await finalizeJob(f.cast.outsider, { address: market(), jobId })).toMatchObject({ kind: 'failed', verifierPaid: VF, penalty: 2n * GRID, nodeRefund: 0n, feeRefund: FEE });
      expect(await finalizeJob(f.cast.outsider, { address: market(), jobId: tiny })).toMatchObject({ verifierPaid: 3n, penalty: 0n, nodeRefund: 0n });
      expect(await bal(market())).toBe(BONDED); // only the verifier's bond is left
    });

    it('a verdict needs verifierBond of free bond; only free bond can be withdrawn', async () => {
      await unbondVerifier(f.cast.verifier, { address: market(), amount: 9n * VB });
      const first = await submitted();
      await postVerdict(f.cast.verifier, { address: market(), jobId: first, passed: true });
      const second = await submitted();
      const short = await failure(postVerdict(f.cast.verifier, { address: market(), jobId: second, passed: true }));
      expect([short.code, short.data.errorName]).toEqual(['INSUFFICIENT_STAKE', 'JobMarketVerifierBondTooLow']);
      const locked = await failure(unbondVerifier(f.cast.verifier, { address: market(), amount: 1n }));
      expect([locked.code, locked.data.errorName]).toEqual(['INSUFFICIENT_STAKE', 'JobMarketVerifierBondLocked']);
      expect((await failure(bondVerifier(f.cast.verifier, { address: market(), amount: 0n }))).code).toBe('VALIDATION_FAILED');
      expect((await bondVerifier(f.cast.verifier, { address: market(), amount: VB })).bond).toBe(2n * VB);
      expect((await postVerdict(f.cast.verifier, { address: market(), jobId: second, passed: false })).kind).toBe('rejected');
      expect(await bond()).toEqual({ bond: 2n * VB, locked: 2n * VB });
      expect(await read('liabilities')).toBe(2n * (FEE + GAS) + 2n * VB);
    });

    it('verdicts need a submitted job', async () => {
      const { jobId } = await post();
      expect((await failure(postVerdict(f.cast.verifier, { address: market(), jobId, passed: true }))).code).toBe('JOB_WRONG_STATE');
      expect((await failure(postVerdict(f.cast.verifier, { address: market(), jobId: 42n, passed: true }))).code).toBe('JOB_NOT_FOUND');
    });
  });

  describe('disputes', () => {
    it('node proven wrong: it loses 100% of its deposit; bounty + bond to the whistleblower, the rest and the whole fee to the requester; shares revoked', async () => {
      const { jobId, day } = await passed();
      const [req, node, ver, wb] = [await bal(f.cast.requester), await bal(f.cast.node), await bal(f.cast.verifier), await bal(f.cast.whistleblower)];
      const d = await disputeJob(f.cast.whistleblower, { address: market(), jobId, evidence: EVIDENCE });
      expect(d.bond).toBe(BOND);
      expect(await bal(f.cast.whistleblower)).toBe(wb - BOND);
      expect(await read('liabilities')).toBe(FEE + GAS + BOND + BONDED);
      expect(await readJob(f.cast.admin.publicClient, { address: market(), jobId })).toMatchObject({ state: 'disputed', whistleblower: addr(f.cast.whistleblower), evidence: EVIDENCE, bond: BOND });
      expect((await failure(disputeJob(f.cast.requester, { address: market(), jobId, evidence: EVIDENCE }))).code).toBe('JOB_WRONG_STATE');
      expect((await failure(finalizeJob(f.cast.outsider, { address: market(), jobId }))).code).toBe('JOB_WRONG_STATE');

      const r = await resolveDispute(f.cast.referee, { address: market(), jobId, nodeWrong: true });
      expect(r).toMatchObject({ kind: 'slashed', bounty: GAS / 2n, requesterPaid: FEE + GAS / 2n, verifierSlashed: VB, verifierPaid: 0n });
      expect(await bal(f.cast.whistleblower)).toBe(wb + GAS / 2n + VB); // the bounty and the passing verifier's bond
      expect(await bal(f.cast.requester)).toBe(req + FEE + GAS / 2n);
      expect(await bal(f.cast.node)).toBe(node);
      expect(await bal(f.cast.verifier)).toBe(ver); // forfeits the fee of a wrong pass
      expect(await bond()).toEqual({ bond: 9n * VB, locked: 0n }); // and the bond it locked
      expect(await bal(market())).toBe(9n * VB);
      expect(await readShares(f.cast.admin.publicClient, { address: market(), day, node: addr(f.cast.node) })).toEqual({ shares: 0n, totalShares: 0n });
      expect((await readJob(f.cast.admin.publicClient, { address: market(), jobId })).state).toBe('slashed');
      expect((await failure(resolveDispute(f.cast.referee, { address: market(), jobId, nodeWrong: true }))).code).toBe('JOB_WRONG_STATE');
    });

    it('node proven wrong at a step the verifier did not have to check (resolveAudit): the node is slashed the same, the verifier\'s bond is released and its fee paid', async () => {
      const { jobId, day } = await passed();
      const [req, node, ver, wb] = [await bal(f.cast.requester), await bal(f.cast.node), await bal(f.cast.verifier), await bal(f.cast.whistleblower)];
      await disputeJob(f.cast.whistleblower, { address: market(), jobId, evidence: EVIDENCE });
      const r = await resolveDispute(f.cast.referee, { address: market(), jobId, nodeWrong: true, audit: true });
      expect(r).toMatchObject({ kind: 'slashed', bounty: GAS / 2n, requesterPaid: FEE - VF + GAS / 2n, verifierSlashed: 0n, verifierPaid: VF });
      expect(await bal(f.cast.whistleblower)).toBe(wb + GAS / 2n); // the bounty and its bond back, no verifier bond
      expect(await bal(f.cast.requester)).toBe(req + FEE - VF + GAS / 2n);
      expect(await bal(f.cast.node)).toBe(node);
      expect(await bal(f.cast.verifier)).toBe(ver + VF); // its fee: it checked what it had to
      expect(await bond()).toEqual({ bond: 10n * VB, locked: 0n }); // its whole bond, free again
      expect(await bal(market())).toBe(BONDED);
      expect(await read('liabilities')).toBe(BONDED);
      expect(await readShares(f.cast.admin.publicClient, { address: market(), day, node: addr(f.cast.node) })).toEqual({ shares: 0n, totalShares: 0n });
      expect((await readJob(f.cast.admin.publicClient, { address: market(), jobId })).state).toBe('slashed');
      expect((await failure(resolveDispute(f.cast.referee, { address: market(), jobId, nodeWrong: true, audit: true }))).code).toBe('JOB_WRONG_STATE');
    });

    it('resolveAudit takes only disputed jobs: not a contest, not a passed job', async () => {
      const { jobId } = await passed();
      const resolveAudit = (id: bigint) => resolveDispute(f.cast.referee, { address: market(), jobId: id, nodeWrong: true, audit: true });
      expect((await failure(resolveAudit(jobId))).data.errorName).toBe('JobMarketWrongState');
      const rejected = await submitted();
      await postVerdict(f.cast.verifier, { address: market(), jobId: rejected, passed: false });
      await contestJob(f.cast.node, { address: market(), jobId: rejected });
      expect((await failure(resolveAudit(rejected))).data.errorName).toBe('JobMarketWrongState');
    });

    it('node right: the job settles at once and the forfeited bond goes to the node', async () => {
      const { jobId, day } = await passed();
      const [node, ver, wb] = [await bal(f.cast.node), await bal(f.cast.verifier), await bal(f.cast.whistleblower)];
      await disputeJob(f.cast.whistleblower, { address: market(), jobId, evidence: EVIDENCE });
      const r = await resolveDispute(f.cast.referee, { address: market(), jobId, nodeWrong: false });
      expect(r).toMatchObject({ kind: 'upheld', nodePaid: FEE - VF + GAS + BOND, verifierPaid: VF });
      expect(await bal(f.cast.node)).toBe(node + FEE - VF + GAS + BOND);
      expect(await bal(f.cast.verifier)).toBe(ver + VF);
      expect(await bal(f.cast.whistleblower)).toBe(wb - BOND);
      expect(await bond()).toEqual({ bond: 10n * VB, locked: 0n });
      expect(await bal(market())).toBe(BONDED);
      expect((await readShares(f.cast.admin.publicClient, { address: market(), day, node: addr(f.cast.node) })).shares).toBe(GAS);
      expect((await readJob(f.cast.admin.publicClient, { address: market(), jobId })).state).toBe('settled');
    });

    it('only during the window, not by the node itself, and only on passed jobs', async () => {
      const { jobId, challengeEndsAt } = await passed();
      const self = await failure(disputeJob(f.cast.node, { address: market(), jobId, evidence: EVIDENCE }));
      expect(self.code).toBe('FORBIDDEN');
      expect(self.data.errorName).toBe('JobMarketNodeCannotDispute');
      await mineAt(f, challengeEndsAt);
      const closed = await failure(disputeJob(f.cast.whistleblower, { address: market(), jobId, evidence: EVIDENCE }));
      expect(closed.code).toBe('DEADLINE_PASSED');
      expect(closed.data.errorName).toBe('JobMarketChallengeWindowClosed');
      const open = await post();
      expect((await failure(disputeJob(f.cast.whistleblower, { address: market(), jobId: open.jobId, evidence: EVIDENCE }))).code).toBe('JOB_WRONG_STATE');
      expect((await failure(resolveDispute(f.cast.referee, { address: market(), jobId: open.jobId, nodeWrong: true }))).code).toBe('JOB_WRONG_STATE');
    });
  });

  describe('contested rejections', () => {
    async function rejected(): Promise<bigint> {
      const jobId = await submitted();
      await postVerdict(f.cast.verifier, { address: market(), jobId, passed: false });
      return jobId;
    }

    it('the node only, during the window, only on rejected jobs', async () => {
      const jobId = await rejected();
      expect((await failure(contestJob(f.cast.node2, { address: market(), jobId }))).data.errorName).toBe('JobMarketNotNode');
      const { jobId: open } = await post();
      expect((await failure(contestJob(f.cast.node, { address: market(), jobId: open }))).code).toBe('JOB_WRONG_STATE');
      await contestJob(f.cast.node, { address: market(), jobId });
      expect((await readJob(f.cast.admin.publicClient, { address: market(), jobId })).state).toBe('contested');
      expect((await failure(finalizeJob(f.cast.outsider, { address: market(), jobId }))).code).toBe('JOB_WRONG_STATE');
      expect((await failure(contestJob(f.cast.node, { address: market(), jobId }))).code).toBe('JOB_WRONG_STATE');
    });

    it('node proven wrong: the job fails and the node loses its whole deposit (verifier fee, the rest to the requester)', async () => {
      const jobId = await rejected();
      await contestJob(f.cast.node, { address: market(), jobId });
      const [req, node, ver] = [await bal(f.cast.requester), await bal(f.cast.node), await bal(f.cast.verifier)];
      const r = await resolveDispute(f.cast.referee, { address: market(), jobId, nodeWrong: true });
      expect(r).toMatchObject({ kind: 'failed', verifierPaid: VF, penalty: GAS - VF, feeRefund: FEE });
      expect(await bal(f.cast.node)).toBe(node);
      expect(await bal(f.cast.requester)).toBe(req + FEE + GAS - VF);
      expect(await bal(f.cast.verifier)).toBe(ver + VF);
      expect(await bond()).toEqual({ bond: 10n * VB, locked: 0n });
      expect((await readJob(f.cast.admin.publicClient, { address: market(), jobId })).state).toBe('failed');
    });

    it('node right: the rejecting verifier loses its locked bond to the node; the job awaits another verdict', async () => {
      const jobId = await rejected();
      await contestJob(f.cast.node, { address: market(), jobId });
      const node = await bal(f.cast.node);
      const r = await resolveDispute(f.cast.referee, { address: market(), jobId, nodeWrong: false });
      expect(r).toMatchObject({ kind: 'resubmitted', verifierSlashed: VB });
      expect(await bal(f.cast.node)).toBe(node + VB);
      expect(await bond()).toEqual({ bond: 9n * VB, locked: 0n });
      expect(await readJob(f.cast.admin.publicClient, { address: market(), jobId })).toMatchObject({ state: 'submitted', verifier: '0x0000000000000000000000000000000000000000' });
      expect((await postVerdict(f.cast.verifier, { address: market(), jobId, passed: true })).kind).toBe('passed');
      expect(await read('liabilities')).toBe(FEE + GAS + 9n * VB);
    });
  });

  describe('no verdict in time', () => {
    const VW = JOB_MARKET_DEFAULTS.verificationWindow;
    const expire = (jobId: bigint) => expireUnverifiedJob(f.cast.outsider, { address: market(), jobId });
    const jobOf = (jobId: bigint) => readJob(f.cast.admin.publicClient, { address: market(), jobId });

    it('a submitted job nobody judged: anyone, only after verifyBy, ends it unverified, the fee back to the requester and the whole deposit to the node, once', async () => {
      const jobId = await submitted();
      const { verifyBy } = await jobOf(jobId);
      expect(verifyBy).toBeGreaterThan(0n);
      await mineAt(f, verifyBy);
      const early = await failure(expire(jobId));
      expect(early).toMatchObject({ code: 'JOB_NOT_DUE', data: { errorName: 'JobMarketVerificationWindowOpen' } });
      await mineAt(f, verifyBy + 1n);
      const [req, node, out, owed] = [await bal(f.cast.requester), await bal(f.cast.node), await bal(f.cast.outsider), await read('liabilities')];
      const r = await expire(jobId);
      expect([r.nodeRefund, r.feeRefund]).toEqual([GAS, FEE]);
      expect(await bal(f.cast.requester)).toBe(req + FEE);
      expect(await bal(f.cast.node)).toBe(node + GAS);
      expect(await bal(f.cast.outsider)).toBe(out);
      expect(await read('liabilities')).toBe(owed - FEE - GAS);
      expect(await jobOf(jobId)).toMatchObject({ state: 'unverified', verifyBy: 0n });
      expect((await failure(expire(jobId))).code).toBe('JOB_WRONG_STATE');
      // Nor a job in another state.
      const { jobId: open } = await post();
      expect((await failure(expire(open))).data.errorName).toBe('JobMarketWrongState');
    });

    it('a verdict clears verifyBy; a contest the node won starts a new verification window from its resolution', async () => {
      const jobId = await submitted();
      await postVerdict(f.cast.verifier, { address: market(), jobId, passed: false });
      expect((await jobOf(jobId)).verifyBy).toBe(0n);
      await contestJob(f.cast.node, { address: market(), jobId });
      const r = await resolveDispute(f.cast.referee, { address: market(), jobId, nodeWrong: false });
      const { timestamp } = await f.cast.admin.publicClient.getBlock({ blockHash: r.blockHash });
      expect(await jobOf(jobId)).toMatchObject({ state: 'submitted', verifyBy: timestamp + VW });
      // The overturned verifier may not judge it again off chain; nobody else does: it is not stuck in escrow.
      await mineAt(f, timestamp + VW + 1n);
      expect((await expire(jobId)).feeRefund).toBe(FEE);
      expect((await jobOf(jobId)).state).toBe('unverified');
    });
  });
});
