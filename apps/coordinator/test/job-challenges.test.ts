/**
 * The challenge exchange and audits on a real anvil with the whole network deployed: a job
 * posted, accepted and submitted with the chain actions, indexed, then challenged by the
 * account holding VERIFIER_ROLE (read from the JobMarket) and answered by the job's node, over
 * the SDK with signed requests; a verified job's step hashes published and audited.
 */
import {
  acceptJob, ANVIL_DEV_ADDRESSES, ANVIL_DEV_KEYS, bondVerifier, contestJob, createChainClients, deployNetwork, disputeJob, grantRole, postJob, postVerdict, resolveDispute, setWorkers, submitResult,
  type NetworkContracts, type WalletChainClients,
} from '@tensorgrid/chain';
import { createJobIndexStore } from '@tensorgrid/db';
import { blake3 } from '@noble/hashes/blake3';
import { buildMerkleTree, merkleRootHex } from '@tensorgrid/domain';
import { disputeEvidence, isBaseError, type BaseError, type TransitionOpeningWire } from '@tensorgrid/protocol';
import {
  createCoordinatorClient, getJob, getJobAuditOpening, getJobChallenge, getJobOpening, getJobStepHashes, getVerdictReport, postJobChallenge, putJobAuditOpening, putJobOpening,
  putJobStepHashes, putVerdictReport, type CoordinatorClient,
} from '@tensorgrid/sdk';
import { startTestCoordinator, withAnvil, type AnvilFixture, type TestCoordinator } from '@tensorgrid/test-utils';
import { privateKeyToAccount } from 'viem/accounts';
import { erc20Abi, keccak256, toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobIndexer } from '../src/jobs/job-indexer';
import { createViemJobMarketReader } from '../src/jobs/viem-job-market-reader';
import { createViemVerifierRoles } from '../src/jobs/viem-verifier-roles';

const GRID = 10n ** 18n;
const BEACON = `0x${'5a'.repeat(32)}` as const;
const digest = (n: number) => n.toString(16).padStart(2, '0').repeat(32);
const LEAVES = Array.from({ length: 6 }, (_, i) => digest(0x40 + i));
const opening = (seed: number): TransitionOpeningWire => ({
  state: Buffer.from(new Uint8Array(64).fill(seed)).toString('base64'),
  hash: digest(seed), proof: [digest(seed + 1), digest(seed + 2)], nextHash: digest(seed + 3), nextProof: [digest(seed + 4), digest(seed + 5)],
});

async function failure(promise: Promise<unknown>): Promise<BaseError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  if (!isBaseError(err)) throw new Error(`expected a BaseError, got ${String(err)}`);
  return err;
}

describe('challenge exchange on anvil', () => {
  let anvil: AnvilFixture;
  let coord: TestCoordinator;
  let contracts: NetworkContracts;
  let submitted: bigint;
  let open: bigint;
  let audited: bigint;
  let blake3Committed: bigint;
  let chain: { admin: WalletChainClients; oracle: WalletChainClients; node: WalletChainClients; whistleblower: WalletChainClients };
  let index: () => Promise<unknown>;
  const as = (key: number): CoordinatorClient => createCoordinatorClient({ url: coord.url, account: privateKeyToAccount(ANVIL_DEV_KEYS[key]!), domain: coord.domain });

  beforeAll(async () => {
    anvil = await withAnvil();
    const clients = (key: number): WalletChainClients => createChainClients({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: ANVIL_DEV_KEYS[key]!, pollingIntervalMs: 20 });
    const [admin, oracle, requester, node, whistleblower] = [clients(0), clients(1), clients(2), clients(3), clients(4)];
    chain = { admin, oracle, node, whistleblower };
    contracts = await deployNetwork(admin, { admin: ANVIL_DEV_ADDRESSES[0]!, oracle: ANVIL_DEV_ADDRESSES[1]! });
    for (const who of [requester, node, oracle, whistleblower]) {
      const hash = await admin.walletClient.writeContract({ address: contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [who.account.address, 10_000n * GRID] });
      await admin.publicClient.waitForTransactionReceipt({ hash });
    }
    await setWorkers(oracle, { address: contracts.JobMarket, node: node.account.address, workers: 3 });
    const { timestamp } = await requester.publicClient.getBlock();
    const post = (tag: string) => postJob(requester, { address: contracts.JobMarket, specHash: keccak256(toHex(tag)), fee: 50n * GRID, gas: 10n * GRID, deadline: timestamp + 3_600n });
    submitted = (await post('challenged')).jobId;
    open = (await post('open')).jobId;
    await acceptJob(node, { address: contracts.JobMarket, jobId: submitted });
    await submitResult(node, { address: contracts.JobMarket, jobId: submitted, resultRoot: keccak256(toHex('root')) });
    // A job verified on chain (the oracle account also holds VERIFIER_ROLE), committed to LEAVES.
    audited = (await post('audited')).jobId;
    await acceptJob(node, { address: contracts.JobMarket, jobId: audited });
    await submitResult(node, { address: contracts.JobMarket, jobId: audited, resultRoot: `0x${merkleRootHex(buildMerkleTree(LEAVES.map((h) => Buffer.from(h, 'hex'))))}` });
    await bondVerifier(oracle, { address: contracts.JobMarket, amount: 1_000n * GRID });
    await postVerdict(oracle, { address: contracts.JobMarket, jobId: audited, passed: true });
    // A job whose spec names BLAKE3 state hashes: its node commits the BLAKE3 tree over LEAVES.
    blake3Committed = (await post('blake3')).jobId;
    await acceptJob(node, { address: contracts.JobMarket, jobId: blake3Committed });
    await submitResult(node, { address: contracts.JobMarket, jobId: blake3Committed, resultRoot: `0x${merkleRootHex(buildMerkleTree(LEAVES.map((h) => Buffer.from(h, 'hex')), (b) => blake3(b)))}` });

    const market = { clients: oracle, market: contracts.JobMarket };
    coord = await startTestCoordinator('sqlite', { verifierRoles: createViemVerifierRoles({ ...market, clock: { now: Date.now } }) });
    const indexer = createJobIndexer({ store: createJobIndexStore(coord.database.db), reader: createViemJobMarketReader(market) });
    index = () => indexer.tick();
    await index();
  }, 120_000);
  afterAll(async () => {
    await coord?.close();
    await anvil?.stop();
  });

  it('a verifier challenges a submitted job once; others and other states are refused', async () => {
    const verifier = as(1);
    const forbidden = await failure(postJobChallenge(as(4), { id: submitted, challenge: { steps: [0, 7], beacon: BEACON } }));
    expect(forbidden.code).toBe('FORBIDDEN');
    expect((await failure(postJobChallenge(verifier, { id: open, challenge: { steps: [0], beacon: BEACON } }))).code).toBe('JOB_WRONG_STATE');
    expect((await failure(postJobChallenge(verifier, { id: 99n, challenge: { steps: [0], beacon: BEACON } }))).code).toBe('JOB_NOT_FOUND');
    expect((await failure(postJobChallenge(verifier, { id: submitted, challenge: { steps: [7, 0], beacon: BEACON } }))).code).toBe('VALIDATION_FAILED');

    const posted = await postJobChallenge(verifier, { id: submitted, challenge: { steps: [0, 7, 12], beacon: BEACON, respondWithinSeconds: 60 } });
    expect(posted).toMatchObject({ jobId: submitted.toString(), verifier: ANVIL_DEV_ADDRESSES[1]!.toLowerCase(), steps: [0, 7, 12], beacon: BEACON, answered: [] });
    expect(Date.parse(posted.respondBy) - Date.parse(posted.issuedAt)).toBe(60_000);
    expect(await postJobChallenge(verifier, { id: submitted, challenge: { steps: [0, 7, 12], beacon: BEACON, respondWithinSeconds: 60 } })).toEqual(posted);
    expect((await failure(postJobChallenge(verifier, { id: submitted, challenge: { steps: [1], beacon: BEACON } }))).code).toBe('CONFLICT');
    expect(await getJobChallenge(as(9), { id: submitted })).toEqual(posted);
    expect((await failure(getJobChallenge(as(9), { id: open }))).code).toBe('NOT_FOUND');
  });

  it('the node answers each challenged step once, in time; anyone reads the answers', async () => {
    const node = as(3);
    expect((await failure(putJobOpening(as(4), { id: submitted, step: 7, opening: opening(1) }))).code).toBe('FORBIDDEN');
    expect((await failure(putJobOpening(node, { id: submitted, step: 8, opening: opening(1) }))).code).toBe('VALIDATION_FAILED');
    expect((await failure(putJobOpening(node, { id: submitted, step: 7, opening: { ...opening(1), hash: 'XYZ' } }))).code).toBe('VALIDATION_FAILED');
    expect((await failure(getJobOpening(as(9), { id: submitted, step: 7 }))).code).toBe('NOT_FOUND');

    const stored = await putJobOpening(node, { id: submitted, step: 7, opening: opening(1) });
    expect(stored).toMatchObject({ jobId: submitted.toString(), step: 7, opening: opening(1) });
    expect(await putJobOpening(node, { id: submitted, step: 7, opening: opening(1) })).toEqual(stored);
    expect((await failure(putJobOpening(node, { id: submitted, step: 7, opening: opening(2) }))).code).toBe('CONFLICT');
    expect(await getJobOpening(as(9), { id: submitted, step: 7 })).toEqual(stored);
    await putJobOpening(node, { id: submitted, step: 0, opening: opening(3) });
    expect((await getJobChallenge(as(9), { id: submitted })).answered).toEqual([0, 7]);

    coord.advance(61_000);
    const late = await failure(putJobOpening(node, { id: submitted, step: 12, opening: opening(4) }));
    expect(late.code).toBe('DEADLINE_PASSED');
    expect((await getJobChallenge(as(9), { id: submitted })).answered).toEqual([0, 7]);
  });

  it('the challenging verifier publishes its verdict report once; anyone reads it', async () => {
    const report = { passed: false, failures: [{ step: 12, kind: 'withheld' as const, detail: 'not opened' }], checkedSteps: 3 };
    expect((await failure(getVerdictReport(as(9), { id: submitted }))).code).toBe('NOT_FOUND');
    expect((await failure(putVerdictReport(as(4), { id: submitted, report }))).code).toBe('FORBIDDEN');
    expect((await failure(putVerdictReport(as(1), { id: open, report }))).code).toBe('NOT_FOUND');
    expect((await failure(putVerdictReport(as(1), { id: submitted, report: { ...report, passed: true } }))).code).toBe('VALIDATION_FAILED');
    const stored = await putVerdictReport(as(1), { id: submitted, report });
    expect(stored).toMatchObject({ jobId: submitted.toString(), verifier: ANVIL_DEV_ADDRESSES[1]!.toLowerCase(), report });
    expect(await putVerdictReport(as(1), { id: submitted, report })).toEqual(stored);
    expect((await failure(putVerdictReport(as(1), { id: submitted, report: { passed: true, failures: [] } }))).code).toBe('CONFLICT');
    expect(await getVerdictReport(as(9), { id: submitted })).toEqual(stored);
  });

  it('after the node wins a contest the job takes a new round: another verifier challenges it, the overturned one may not, and earlier rounds stay readable', async () => {
    const first = await getJobChallenge(as(9), { id: submitted });
    const firstReport = await getVerdictReport(as(9), { id: submitted });
    // The rejection is contested, and the referee (the oracle account holds REFEREE_ROLE) finds the node right.
    await bondVerifier(chain.oracle, { address: contracts.JobMarket, amount: 1_000n * GRID });
    await postVerdict(chain.oracle, { address: contracts.JobMarket, jobId: submitted, passed: false });
    await contestJob(chain.node, { address: contracts.JobMarket, jobId: submitted });
    expect((await resolveDispute(chain.oracle, { address: contracts.JobMarket, jobId: submitted, nodeWrong: false })).kind).toBe('resubmitted');
    await index();

    expect(first.round).toBe(0);
    expect((await failure(getJobChallenge(as(9), { id: submitted }))).data).toMatchObject({ round: 1 });
    expect(await getJobChallenge(as(9), { id: submitted, round: 0 })).toEqual({ ...first, answered: [0, 7] });
    expect(await getVerdictReport(as(9), { id: submitted, round: 0 })).toEqual(firstReport);
    expect((await failure(getVerdictReport(as(9), { id: submitted }))).code).toBe('NOT_FOUND');
    expect((await failure(getJobChallenge(as(9), { id: submitted, round: -1 }))).code).toBe('VALIDATION_FAILED');

    const overturned = await failure(postJobChallenge(as(1), { id: submitted, challenge: { steps: [0, 3], beacon: BEACON } }));
    expect(overturned).toMatchObject({ code: 'FORBIDDEN', data: { round: 1, overturnedRound: 0 } });
    await grantRole(chain.admin, { contract: contracts.JobMarket, role: 'VERIFIER_ROLE', account: ANVIL_DEV_ADDRESSES[5]! });
    const second = await postJobChallenge(as(5), { id: submitted, challenge: { steps: [0, 3], beacon: BEACON, respondWithinSeconds: 60 } });
    // Step 0 was opened in round 0: a node's answer does not change, so it stands; step 3 is new.
    expect(second).toMatchObject({ round: 1, verifier: ANVIL_DEV_ADDRESSES[5]!.toLowerCase(), steps: [0, 3], answered: [0] });
    await putJobOpening(as(3), { id: submitted, step: 3, opening: opening(5) });
    expect((await getJobChallenge(as(9), { id: submitted })).answered).toEqual([0, 3]);
    // Only round 1's verifier reports on it now.
    const report = { passed: true, failures: [], checkedSteps: 2 };
    expect((await failure(putVerdictReport(as(1), { id: submitted, report }))).code).toBe('FORBIDDEN');
    expect(await putVerdictReport(as(5), { id: submitted, report })).toMatchObject({ round: 1, verifier: ANVIL_DEV_ADDRESSES[5]!.toLowerCase(), report });
  });

  it('anyone publishes a job\'s step hashes once they hash to its committed root; anyone reads them', async () => {
    expect((await failure(getJobStepHashes(as(9), { id: audited }))).code).toBe('NOT_FOUND');
    expect((await failure(putJobStepHashes(as(9), { id: open, hashes: LEAVES }))).code).toBe('JOB_WRONG_STATE');
    expect((await failure(putJobStepHashes(as(9), { id: audited, hashes: LEAVES.slice(1) }))).code).toBe('VALIDATION_FAILED');
    expect((await failure(putJobStepHashes(as(9), { id: audited, hashes: [...LEAVES.slice(0, 5), digest(1)] }))).code).toBe('VALIDATION_FAILED');
    const published = await putJobStepHashes(as(9), { id: audited, hashes: LEAVES });
    expect(published).toMatchObject({ jobId: audited.toString(), hashes: LEAVES });
    expect(await putJobStepHashes(as(4), { id: audited, hashes: LEAVES })).toEqual(published);
    expect(await getJobStepHashes(as(9), { id: audited })).toEqual(published);
    // A BLAKE3 job's leaves hash to its root under BLAKE3; the same leaves reordered do not.
    expect((await failure(putJobStepHashes(as(9), { id: blake3Committed, hashes: [LEAVES[1]!, LEAVES[0]!, ...LEAVES.slice(2)] }))).code).toBe('VALIDATION_FAILED');
    expect(await putJobStepHashes(as(9), { id: blake3Committed, hashes: LEAVES })).toMatchObject({ jobId: blake3Committed.toString(), hashes: LEAVES });
  });

  it('an auditor stores one signed opening of a verified job naming the published hashes; only the auditor reads it before the dispute', async () => {
    const auditor = as(4);
    const of = (t: number): TransitionOpeningWire => ({ ...opening(7), hash: LEAVES[t]!, nextHash: LEAVES[t + 1]! });
    expect((await failure(putJobAuditOpening(auditor, { id: submitted, step: 2, opening: of(2) }))).code).toBe('JOB_WRONG_STATE');
    expect((await failure(putJobAuditOpening(auditor, { id: audited, step: 5, opening: of(4) }))).code).toBe('VALIDATION_FAILED');
    expect((await failure(putJobAuditOpening(auditor, { id: audited, step: 2, opening: of(3) }))).code).toBe('VALIDATION_FAILED');
    expect((await failure(getJobAuditOpening(auditor, { id: audited, auditor: ANVIL_DEV_ADDRESSES[4]!, signed: true }))).code).toBe('NOT_FOUND');

    const stored = await putJobAuditOpening(auditor, { id: audited, step: 2, opening: of(2) });
    expect(stored).toMatchObject({ jobId: audited.toString(), auditor: ANVIL_DEV_ADDRESSES[4]!.toLowerCase(), step: 2, opening: of(2) });
    expect(await putJobAuditOpening(auditor, { id: audited, step: 2, opening: of(2) })).toEqual(stored);
    expect((await failure(putJobAuditOpening(auditor, { id: audited, step: 3, opening: of(3) }))).code).toBe('CONFLICT');
    // Not disputed yet: another reader could copy it and front-run the dispute, signed or not.
    expect((await failure(getJobAuditOpening(as(9), { id: audited, auditor: ANVIL_DEV_ADDRESSES[4]! }))).code).toBe('FORBIDDEN');
    expect((await failure(getJobAuditOpening(as(5), { id: audited, auditor: ANVIL_DEV_ADDRESSES[4]!, signed: true }))).code).toBe('FORBIDDEN');
    expect(await getJobAuditOpening(auditor, { id: audited, auditor: ANVIL_DEV_ADDRESSES[4]!, signed: true })).toEqual(stored);
    // Another auditor keeps its own.
    expect((await putJobAuditOpening(as(5), { id: audited, step: 3, opening: of(3) })).step).toBe(3);
  });

  it('the node of a disputed job opens the step the dispute names, and only that one, unless a challenge named it', async () => {
    const of = (t: number): TransitionOpeningWire => ({ ...opening(9), hash: LEAVES[t]!, nextHash: LEAVES[t + 1]! });
    // Before the dispute the job is verified: no opening is taken.
    expect((await failure(putJobOpening(as(3), { id: audited, step: 4, opening: of(4) }))).code).toBe('JOB_WRONG_STATE');
    await disputeJob(chain.whistleblower, { address: contracts.JobMarket, jobId: audited, evidence: disputeEvidence(4) });
    await index();
    // Disputed: the audit openings are public now (the referee reads them unsigned).
    expect((await getJobAuditOpening(as(9), { id: audited, auditor: ANVIL_DEV_ADDRESSES[4]! })).step).toBe(2);
    expect((await failure(putJobOpening(as(4), { id: audited, step: 4, opening: of(4) }))).code).toBe('FORBIDDEN');
    expect((await failure(putJobOpening(as(3), { id: audited, step: 3, opening: of(3) }))).code).toBe('VALIDATION_FAILED');
    const stored = await putJobOpening(as(3), { id: audited, step: 4, opening: of(4) });
    expect(stored).toMatchObject({ jobId: audited.toString(), step: 4, opening: of(4) });
    expect(await getJobOpening(as(9), { id: audited, step: 4 })).toEqual(stored);
    expect((await failure(putJobOpening(as(3), { id: audited, step: 4, opening: of(3) }))).code).toBe('CONFLICT');

    // A step a challenge named (round 0's step 12, never answered) is not opened late through a dispute.
    await bondVerifier(chain.oracle, { address: contracts.JobMarket, amount: 1_000n * GRID });
    await postVerdict(chain.oracle, { address: contracts.JobMarket, jobId: submitted, passed: true });
    await disputeJob(chain.whistleblower, { address: contracts.JobMarket, jobId: submitted, evidence: disputeEvidence(12) });
    await index();
    const late = await failure(putJobOpening(as(3), { id: submitted, step: 12, opening: opening(12) }));
    expect(late).toMatchObject({ code: 'VALIDATION_FAILED', data: { step: 12, round: 0 } });
    expect((await failure(getJobOpening(as(9), { id: submitted, step: 12 }))).code).toBe('NOT_FOUND');
  });

  it('a dispute of step 0 (its evidence is the zero hash) is indexed as such, and the node opens step 0', async () => {
    const of0: TransitionOpeningWire = { ...opening(11), hash: LEAVES[0]!, nextHash: LEAVES[1]! };
    await bondVerifier(chain.oracle, { address: contracts.JobMarket, amount: 1_000n * GRID });
    await postVerdict(chain.oracle, { address: contracts.JobMarket, jobId: blake3Committed, passed: true });
    await index();
    expect((await getJob(as(9), { id: blake3Committed })).job.evidence).toBeNull(); // not disputed yet
    await disputeJob(chain.whistleblower, { address: contracts.JobMarket, jobId: blake3Committed, evidence: disputeEvidence(0) });
    await index();
    expect((await getJob(as(9), { id: blake3Committed })).job).toMatchObject({ state: 'disputed', evidence: disputeEvidence(0) });
    expect(await putJobOpening(as(3), { id: blake3Committed, step: 0, opening: of0 })).toMatchObject({ step: 0, opening: of0 });
  });
});
