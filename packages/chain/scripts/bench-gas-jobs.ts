/** The JobMarket part of `npm run bench:gas`. */
import { keccak256, toHex, type Address } from 'viem';
import { acceptJob } from '../src/actions/job-market/accept-job';
import { finalizeJob } from '../src/actions/job-market/finalize-job';
import { postJob } from '../src/actions/job-market/post-job';
import { postVerdict } from '../src/actions/job-market/post-verdict';
import { bondVerifier } from '../src/actions/job-market/verifier-bond';
import { setWorkers } from '../src/actions/job-market/set-workers';
import { submitResult } from '../src/actions/job-market/submit-result';
import type { WalletChainClients } from '../src/clients';

const GRID = 10n ** 18n;

/**
 * Gas of one job's way through the market: post, accept, submit, verdict, finalize.
 * @param accounts - the oracle (also the verifier on the devnet), a node and a requester, all funded with GRID
 * @param jobMarket - the JobMarket
 */
export async function benchJobMarket(accounts: Record<'oracle' | 'node' | 'requester', WalletChainClients>, jobMarket: Address): Promise<[string, bigint][]> {
  const { oracle, node, requester } = accounts;
  const rpc = (method: string, params: unknown[] = []) => oracle.publicClient.request({ method: method as never, params: params as never });
  const now = (await oracle.publicClient.getBlock()).timestamp;
  await setWorkers(oracle, { address: jobMarket, node: node.account.address, workers: 4 });
  const posted = await postJob(requester, { address: jobMarket, specHash: keccak256(toHex('bench job')), fee: 100n * GRID, gas: 500n * GRID, deadline: now + 86_400n, approve: true });
  const accepted = await acceptJob(node, { address: jobMarket, jobId: posted.jobId, approve: true });
  const submitted = await submitResult(node, { address: jobMarket, jobId: posted.jobId, resultRoot: keccak256(toHex('result')) });
  const bonded = await bondVerifier(oracle, { address: jobMarket, amount: 1_000n * GRID });
  const verdict = await postVerdict(oracle, { address: jobMarket, jobId: posted.jobId, passed: true });
  await rpc('evm_increaseTime', [86_401]);
  await rpc('evm_mine');
  const finalized = await finalizeJob(node, { address: jobMarket, jobId: posted.jobId });
  return [
    ['post job (fee escrowed)', posted.gasUsed],
    ['accept job (deposit 100% of gas)', accepted.gasUsed],
    ['submit result root', submitted.gasUsed],
    ['bond verifier (once per verifier)', bonded.gasUsed],
    ['verify (verdict: passed, bond locked)', verdict.gasUsed],
    ['finalize job (after the challenge window)', finalized.gasUsed],
  ];
}
