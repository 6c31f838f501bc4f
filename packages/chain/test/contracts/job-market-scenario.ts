import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { keccak256, toHex, type Address, type Hex } from 'viem';
import { acceptJob } from '../../src/actions/job-market/accept-job';
import { postJob } from '../../src/actions/job-market/post-job';
import { postVerdict } from '../../src/actions/job-market/post-verdict';
import { setWorkers } from '../../src/actions/job-market/set-workers';
import { submitResult } from '../../src/actions/job-market/submit-result';
import type { WalletChainClients } from '../../src/clients';
import { jobMarketCallAbi } from '../../src/errors/job-market-errors';
import { balanceOf, GRID, now, startJobMarketFixture, type JobMarketFixture } from './job-market-fixture';

export const SPEC = keccak256(toHex('spec: mlp-9.6k, seed 7, 256 steps'));
export const ROOT = keccak256(toHex('result root'));
export const EVIDENCE = keccak256(toHex('step 17: checkpoint + proofs'));
export const FEE = 50n * GRID;
export const GAS = 40n * GRID;
export const VF = 10n * GRID;
export const BOND = 100n * GRID;
/** The bond each verdict locks (the default); the fixture's verifier holds ten of them. */
export const VB = 1_000n * GRID;
/** What the market holds of the verifier's bond at the start of each test. */
export const BONDED = 10n * VB;
export const WINDOW = 86_400n;

/**
 * Registers the hooks every test file of one anvil-backed contract shares: an anvil snapshot
 * before each test and a revert after it, so tests never see each other's state.
 * @param fixture - the started fixture (read when the hooks run)
 */
export function revertEachTest(fixture: () => Pick<JobMarketFixture, 'test'>): void {
  let snapshot: Hex;
  beforeEach(async () => {
    snapshot = await fixture().test.snapshot();
  });
  afterEach(async () => {
    await fixture().test.revert({ id: snapshot });
  });
}

/**
 * A JobMarket on a fresh anvil for one test file: node (2 workers) and node2 (1 worker),
 * state reverted after each test, and the helpers the lifecycle tests share.
 */
export function useJobMarket() {
  let f!: JobMarketFixture;
  beforeAll(async () => {
    f = await startJobMarketFixture();
    await setWorkers(f.cast.admin, { address: f.market, node: f.cast.node.account.address, workers: 2 });
    await setWorkers(f.cast.admin, { address: f.market, node: f.cast.node2.account.address, workers: 1 });
  });
  afterAll(async () => {
    await f?.anvil.stop();
  });
  revertEachTest(() => f);

  const market = (): Address => f.market;
  const addr = (c: WalletChainClients): Address => c.account.address;
  async function post(opts: { fee?: bigint; gas?: bigint; deadlineIn?: bigint; by?: WalletChainClients } = {}): Promise<{ jobId: bigint; deadline: bigint }> {
    const deadline = (await now(f)) + (opts.deadlineIn ?? 3_600n);
    const { jobId } = await postJob(opts.by ?? f.cast.requester, { address: market(), specHash: SPEC, fee: opts.fee ?? FEE, gas: opts.gas ?? GAS, deadline });
    return { jobId, deadline };
  }
  return {
    fixture: () => f,
    market,
    addr,
    bal: (c: WalletChainClients | Address): Promise<bigint> => balanceOf(f, typeof c === 'string' ? c : addr(c)),
    read: (functionName: 'liabilities' | 'jobCount') => f.cast.admin.publicClient.readContract({ address: market(), abi: jobMarketCallAbi, functionName }),
    running: (c: WalletChainClients) => f.cast.admin.publicClient.readContract({ address: market(), abi: jobMarketCallAbi, functionName: 'runningOf', args: [addr(c)] }),
    post,
    /** A job posted, accepted by node and submitted. */
    async submitted(opts: { fee?: bigint; gas?: bigint } = {}): Promise<bigint> {
      const { jobId } = await post(opts);
      await acceptJob(f.cast.node, { address: market(), jobId });
      await submitResult(f.cast.node, { address: market(), jobId, resultRoot: ROOT });
      return jobId;
    },
    /** A job posted, accepted by node, submitted and passed. */
    async passed(opts: { fee?: bigint; gas?: bigint } = {}): Promise<{ jobId: bigint; challengeEndsAt: bigint; day: bigint }> {
      const { jobId } = await post(opts);
      await acceptJob(f.cast.node, { address: market(), jobId });
      await submitResult(f.cast.node, { address: market(), jobId, resultRoot: ROOT });
      const v = await postVerdict(f.cast.verifier, { address: market(), jobId, passed: true });
      if (v.kind !== 'passed') throw new Error('expected a pass');
      return { jobId, challengeEndsAt: v.challengeEndsAt, day: v.day };
    },
  };
}
