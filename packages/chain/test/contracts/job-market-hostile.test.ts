import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFunctionData, erc20Abi, maxUint256, type Address, type Hex } from 'viem';
import { deployJobMarket } from '../../src/actions/job-market/deploy-job-market';
import { jobMarketCallAbi } from '../../src/errors/job-market-errors';
import { hostileERC20Abi, hostileERC20Bytecode } from '../../src/generated/artifacts';
import type { WalletChainClients } from '../../src/clients';
import { GRID, grantRoles, mineAt, now, REFEREE_ROLE, send, startJobMarketFixture, VERIFIER_ROLE, type JobMarketFixture } from './job-market-fixture';
import { FEE, GAS, revertEachTest, SPEC } from './job-market-scenario';


/** The verifier's bond on the hostile market. */
const VERIFIER_BONDED = 100_000n * GRID;

/** A JobMarket over HostileERC20, whose transfer hook re-enters the market with armed calldata. */
describe('JobMarket over a re-entrant token', () => {
  let f: JobMarketFixture;
  let hostile: Address;
  let market: Address;

  const call = (who: WalletChainClients, functionName: string, args: readonly unknown[]) => send(who, { address: market, abi: jobMarketCallAbi, functionName, args });
  const attemptsOf = () => f.cast.admin.publicClient.readContract({ address: hostile, abi: hostileERC20Abi, functionName: 'attempts' });
  const anySucceeded = () => f.cast.admin.publicClient.readContract({ address: hostile, abi: hostileERC20Abi, functionName: 'anySucceeded' });
  const marketRead = <N extends 'liabilities'>(functionName: N) => f.cast.admin.publicClient.readContract({ address: market, abi: jobMarketCallAbi, functionName });
  const stateOf = (jobId: bigint) => f.cast.admin.publicClient.readContract({ address: market, abi: jobMarketCallAbi, functionName: 'stateOf', args: [jobId] });
  const marketBalance = () => f.cast.admin.publicClient.readContract({ address: hostile, abi: erc20Abi, functionName: 'balanceOf', args: [market] });
  const arm = (data: Hex) => send(f.cast.outsider, { address: hostile, abi: hostileERC20Abi, functionName: 'arm', args: [market, data] });
  const attack = (functionName: 'finalize' | 'timeout', jobId: bigint): Hex => encodeFunctionData({ abi: jobMarketCallAbi, functionName, args: [jobId] });

  async function job(until: 'accepted' | 'submitted' | 'passed'): Promise<bigint> {
    const deadline = (await now(f)) + 3_600n;
    await call(f.cast.requester, 'post', [SPEC, FEE, GAS, deadline]);
    const jobId = await f.cast.admin.publicClient.readContract({ address: market, abi: jobMarketCallAbi, functionName: 'jobCount' });
    await call(f.cast.node, 'accept', [jobId]);
    if (until === 'accepted') return jobId;
    await call(f.cast.node, 'submit', [jobId, SPEC]);
    if (until === 'submitted') return jobId;
    await call(f.cast.verifier, 'verdict', [jobId, true]);
    return jobId;
  }

  async function expectNoReentry(attemptsBefore: bigint): Promise<void> {
    expect(await attemptsOf()).toBe(attemptsBefore + 1n);
    expect(await anySucceeded()).toBe(false);
    expect(await marketBalance()).toBe(await marketRead('liabilities'));
  }

  beforeAll(async () => {
    f = await startJobMarketFixture();
    const hash = await f.cast.admin.walletClient.deployContract({ abi: hostileERC20Abi, bytecode: hostileERC20Bytecode, args: [] });
    hostile = (await f.cast.admin.publicClient.waitForTransactionReceipt({ hash })).contractAddress as Address;
    market = (await deployJobMarket(f.cast.admin, { token: hostile, admin: f.cast.admin.account.address })).address;
    await grantRoles(f.cast, market);
    // The token itself holds the roles, so only the reentrancy guard can stop its calls.
    await send(f.cast.admin, { address: market, abi: jobMarketCallAbi, functionName: 'grantRole', args: [VERIFIER_ROLE, hostile] });
    await send(f.cast.admin, { address: market, abi: jobMarketCallAbi, functionName: 'grantRole', args: [REFEREE_ROLE, hostile] });
    await send(f.cast.admin, { address: market, abi: jobMarketCallAbi, functionName: 'setWorkers', args: [f.cast.node.account.address, 10] });
    for (const who of [f.cast.requester, f.cast.node, f.cast.whistleblower, f.cast.verifier]) {
      await send(who, { address: hostile, abi: hostileERC20Abi, functionName: 'mint', args: [who.account.address, 1_000_000n * GRID] });
      await send(who, { address: hostile, abi: erc20Abi, functionName: 'approve', args: [market, maxUint256] });
    }
    await call(f.cast.verifier, 'bondVerifier', [VERIFIER_BONDED]);
  });
  afterAll(async () => {
    await f?.anvil.stop();
  });
  revertEachTest(() => f);

  it('finalize cannot be re-entered for the same job nor another finalizable one', async () => {
    const a = await job('passed');
    const b = await job('passed');
    await mineAt(f, (await now(f)) + 86_401n);
    const nodeBefore = await f.cast.admin.publicClient.readContract({ address: hostile, abi: erc20Abi, functionName: 'balanceOf', args: [f.cast.node.account.address] });
    let attempts = await attemptsOf();
    await arm(attack('finalize', b));
    await call(f.cast.outsider, 'finalize', [a]);
    await expectNoReentry(attempts);
    expect(await stateOf(a)).toBe(6); // Settled
    expect(await stateOf(b)).toBe(4); // still Passed: the nested finalize was refused
    attempts = await attemptsOf();
    await arm(attack('finalize', b));
    await call(f.cast.outsider, 'finalize', [b]);
    await expectNoReentry(attempts);
    const nodeAfter = await f.cast.admin.publicClient.readContract({ address: hostile, abi: erc20Abi, functionName: 'balanceOf', args: [f.cast.node.account.address] });
    expect(nodeAfter - nodeBefore).toBe(2n * (FEE - 10n * GRID + GAS)); // each job paid exactly once
    expect(await marketBalance()).toBe(VERIFIER_BONDED);
  });

  it('timeout cannot be re-entered', async () => {
    const a = await job('accepted');
    const b = await job('accepted');
    await mineAt(f, (await now(f)) + 3_601n);
    const attempts = await attemptsOf();
    await arm(attack('timeout', b));
    await call(f.cast.outsider, 'timeout', [a]);
    await expectNoReentry(attempts);
    expect(await stateOf(a)).toBe(8); // TimedOut
    expect(await stateOf(b)).toBe(2); // still Accepted
  });

  it('the payouts of a failed rejection cannot be re-entered, even by a caller holding VERIFIER_ROLE', async () => {
    const a = await job('submitted');
    const b = await job('submitted');
    await call(f.cast.verifier, 'verdict', [a, false]);
    await mineAt(f, (await now(f)) + 86_401n);
    const attempts = await attemptsOf();
    await arm(encodeFunctionData({ abi: jobMarketCallAbi, functionName: 'verdict', args: [b, false] }));
    await call(f.cast.outsider, 'finalize', [a]);
    await expectNoReentry(attempts);
    expect(await stateOf(a)).toBe(7); // Failed
    expect(await stateOf(b)).toBe(3); // still Submitted
  });

  it('verifier bond withdrawals cannot be re-entered', async () => {
    const attempts = await attemptsOf();
    await arm(encodeFunctionData({ abi: jobMarketCallAbi, functionName: 'unbondVerifier', args: [GRID] }));
    await call(f.cast.verifier, 'unbondVerifier', [GRID]);
    await expectNoReentry(attempts);
  });

  it('resolve payouts cannot be re-entered, even by a caller holding REFEREE_ROLE', async () => {
    const a = await job('passed');
    await call(f.cast.whistleblower, 'dispute', [a, SPEC]);
    const attempts = await attemptsOf();
    await arm(encodeFunctionData({ abi: jobMarketCallAbi, functionName: 'resolve', args: [a, true] }));
    await call(f.cast.referee, 'resolve', [a, true]);
    await expectNoReentry(attempts);
    expect(await stateOf(a)).toBe(10); // Slashed
    expect(await marketBalance()).toBe(VERIFIER_BONDED - 1_000n * GRID); // the passing verifier's locked bond went to the whistleblower
  });
});
