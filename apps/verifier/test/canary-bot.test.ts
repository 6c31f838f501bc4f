/**
 * The canary bot on a real anvil and a real coordinator (SQLite): after one honest job is
 * verified, the bot (rate 1 for the test) posts a copy of it as a canary, its own node takes
 * it, trains it with one planted wrong transition and answers the challenge. A diligent
 * verifier agent rejects it; a lazy verifier that passes the next canary is disputed at the
 * planted step and, once the referee re-runs it, loses its locked bond to the bot.
 */
import { acceptJob, ANVIL_DEV_ADDRESSES, createChainClients, JOB_MARKET_DEFAULTS, jobMarketAbi, postJob, postVerdict, readJob, readVerifierBond, setWorkers, submitResult, type WalletChainClients } from '@tensorgrid/chain';
import { createCoordinatorClient, getJobAuditOpening, getJobChallenge, getJobStepHashes, orNotFound, putJobOpening, putJobSpec } from '@tensorgrid/sdk';
import { jobGas, loadDataset, parseJobSpec } from '@tensorgrid/tensor';
import { MARKET_KEYS as KEYS, openingWire, runJob, startMarket, tinyJobSpec, type MarketFixture } from '@tensorgrid/test-utils';
import { createTestClient, erc20Abi, http, keccak256, parseEther, toHex, type Address, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanaryAccount } from '../src/canary/canary-accounts';
import { createCanaryBot, type CanaryBot } from '../src/canary/canary-bot';
import type { CanaryOutcome } from '../src/canary/canary-outcome';
import { ensureVerifierBond } from '../src/ensure-verifier-bond';
import { createRefereeAgent } from '../src/referee-agent';
import { createVerifierAgent, type VerifierAgent } from '../src/verifier-agent';

const [REFEREE, CANARY_REQUESTER, CANARY_NODE] = [5, 6, 7];
const GRID = 10n ** 18n;
const SPEC = tinyJobSpec({ seed: 'canary-bot-test' });
const TOLERANT = parseJobSpec({ ...SPEC, verification: { mode: 'tolerant', tau: 0.01 } });

describe('canary bot on anvil', () => {
  let m: MarketFixture;
  let verifier: WalletChainClients;
  let agent: VerifierAgent;
  let bot: CanaryBot;
  let next: Extract<CanaryOutcome, { kind: 'posted' }> | undefined;
  let honestId: bigint;
  const stateOf = async (jobId: bigint) => (await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId })).state;
  /** The index catches up, then the bot ticks once. */
  const botTick = async (): Promise<CanaryOutcome[]> => {
    await m.indexer.tick();
    return bot.tick();
  };
  const account = (key: number): CanaryAccount => ({ chain: m.clients(key), coordinator: m.as(key) });
  /** The bot's pools, by dev key. */
  const accounts = (nodes: number[], requesters: number[]) => ({ nodes: nodes.map(account), requesters: requesters.map(account) });
  const only = <K extends CanaryOutcome['kind']>(outcomes: CanaryOutcome[], kind: K) => outcomes.filter((o): o is Extract<CanaryOutcome, { kind: K }> => o.kind === kind);

  const giveGrid = async (to: Address) => {
    const admin = m.clients(KEYS.admin);
    const hash = await admin.walletClient.writeContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'transfer', args: [to, 10_000n * GRID] });
    await admin.publicClient.waitForTransactionReceipt({ hash });
  };

  beforeAll(async () => {
    m = await startMarket();
    verifier = m.clients(KEYS.verifier);
    const admin = m.clients(KEYS.admin);
    const granted = await admin.walletClient.writeContract({ address: m.contracts.JobMarket, abi: jobMarketAbi, functionName: 'grantRole', args: [keccak256(toHex('REFEREE_ROLE')), ANVIL_DEV_ADDRESSES[REFEREE]!] });
    await admin.publicClient.waitForTransactionReceipt({ hash: granted });
    for (const key of [CANARY_REQUESTER, CANARY_NODE]) await giveGrid(ANVIL_DEV_ADDRESSES[key]!);
    await setWorkers(verifier, { address: m.contracts.JobMarket, node: ANVIL_DEV_ADDRESSES[CANARY_NODE]!, workers: 2 });
    await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 6 });
    agent = createVerifierAgent({ coordinator: m.as(KEYS.verifier), chain: verifier, market: m.contracts.JobMarket, now: Date.now }, { q: 48 }); // q ≥ T (48): every transition is challenged, so every planted step is drawn whatever the beacon
    bot = createCanaryBot({ ...accounts([CANARY_NODE], [CANARY_REQUESTER]), market: m.contracts.JobMarket, secret: 'test secret' }, { rate: 1, paceEveryMs: 0 });
    // One real job, verified: the market's first verdict, and the job a canary copies.
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: SPEC });
    const honest = await runJob(m, { specHash: specHash as Hex, spec: SPEC, dataset: loadDataset({ spec: SPEC.training.dataset, split: 'train' }) });
    await m.indexer.tick();
    await agent.tick();
    for (const step of (await getJobChallenge(m.as(9), { id: honest.jobId })).steps) await putJobOpening(m.as(KEYS.node), { id: honest.jobId, step, opening: openingWire(honest, step) });
    await agent.tick();
    expect(await stateOf(honest.jobId)).toBe('verified');
    honestId = honest.jobId;
    // Then a job posted with far more gas than its spec costs: newer, but no template for a canary.
    const requester = m.clients(KEYS.requester);
    const { timestamp } = await requester.publicClient.getBlock();
    await postJob(requester, { address: m.contracts.JobMarket, specHash: specHash as Hex, fee: 50n * GRID, gas: 10n * GRID, deadline: timestamp + 3_600n });
  }, 120_000);
  afterAll(async () => {
    await m?.close();
  });

  it('posts nothing while the pace does not call for a canary', async () => {
    const idle = createCanaryBot({ ...accounts([CANARY_NODE], [CANARY_REQUESTER]), market: m.contracts.JobMarket, secret: 'x' }, { rate: 0.02 });
    await m.indexer.tick();
    expect(await idle.tick()).toEqual([]); // ⌊0.02 × 1⌋ = 0 canaries due
  });

  it('a diligent verifier catches a canary: the planted transition fails its replay, and its diligence is 1 of 1', async () => {
    const [posted] = only(await botTick(), 'posted');
    expect(posted).toMatchObject({ mimics: honestId.toString() });
    const jobId = posted!.jobId;
    const canary = await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId });
    expect(canary).toMatchObject({ state: 'accepted', node: ANVIL_DEV_ADDRESSES[CANARY_NODE], requester: ANVIL_DEV_ADDRESSES[CANARY_REQUESTER] });
    const [submitted] = only(await botTick(), 'submitted');
    expect(submitted).toMatchObject({ jobId });
    await m.indexer.tick();
    await agent.tick(); // challenges the canary
    const answered = only(await botTick(), 'answered').find((o) => o.jobId === jobId);
    const { steps } = await getJobChallenge(m.as(9), { id: jobId });
    expect(answered?.steps).toEqual(steps);
    const wrong = submitted!.plantedSteps.filter((t) => steps.includes(t));
    expect(wrong.length).toBeGreaterThan(0);
    const verdict = (await agent.tick()).find((o) => o.jobId === jobId);
    expect(verdict).toMatchObject({ kind: 'verdict', report: { passed: false, failures: expect.arrayContaining(wrong.map((step) => expect.objectContaining({ step, kind: 'wrong-transition' }))) } });
    // Besides them only the final model (leaf T) may fail, when T − 1 is planted: the agent replays it from W_{T−1}.
    const others = verdict?.kind === 'verdict' ? verdict.report.failures.filter((f) => f.kind !== 'wrong-transition') : [];
    expect(others.every((f) => wrong.includes(f.step - 1))).toBe(true);
    expect(await stateOf(jobId)).toBe('rejected');
    const after = await botTick();
    expect(only(after, 'caught')).toEqual([{ kind: 'caught', jobId, verifier: ANVIL_DEV_ADDRESSES[KEYS.verifier]!.toLowerCase() }]);
    // The rejection was the market's second verdict: ⌊1 × 2⌋ − 1 = 1 more canary is due, posted in the same pass.
    next = only(after, 'posted')[0];
    expect(await bot.diligence()).toEqual([expect.objectContaining({ verifier: ANVIL_DEV_ADDRESSES[KEYS.verifier]!.toLowerCase(), canaries: 1, caught: 1, approved: 0 })]);
  });

  it('a verifier that passes a canary is disputed at the planted step and loses its locked bond to the bot once the referee re-runs it', async () => {
    expect(next).toBeDefined();
    const jobId = next!.jobId;
    const [submitted] = only(await botTick(), 'submitted');
    await m.indexer.tick();
    await agent.tick(); // the challenge is posted…
    expect(only(await botTick(), 'answered').map((o) => o.jobId)).toContain(jobId);
    const { steps } = await getJobChallenge(m.as(9), { id: jobId });
    const step = submitted!.plantedSteps.find((t) => steps.includes(t));
    expect(step).toBeDefined();
    // …but a lazy verifier passes it without replaying the answers.
    await postVerdict(verifier, { address: m.contracts.JobMarket, jobId, passed: true });
    const bondBefore = await readVerifierBond(verifier, { address: m.contracts.JobMarket, verifier: verifier.account.address });
    const { perVerdict } = await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 0 });
    const whistleblower = m.clients(CANARY_REQUESTER);
    const balance = () => whistleblower.publicClient.readContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [whistleblower.account.address] });
    const before = await balance();
    const pass = await botTick();
    const disputed = only(pass, 'disputed');
    expect(disputed).toEqual([{ kind: 'disputed', jobId, verifier: ANVIL_DEV_ADDRESSES[KEYS.verifier], step }]);
    expect(await stateOf(jobId)).toBe('disputed');
    await m.indexer.tick();
    const referee = createRefereeAgent({ coordinator: m.as(9), chain: m.clients(REFEREE), market: m.contracts.JobMarket });
    expect((await referee.tick()).find((o) => o.jobId === jobId)).toMatchObject({ kind: 'resolved', result: 'slashed', decision: { nodeWrong: true, step } });
    expect(await stateOf(jobId)).toBe('slashed');
    const { deposit, fee } = await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId });
    // The requester (the bot too) gets its fee and the deposit less the bounty; the
    // whistleblower the bounty and the lazy verifier's locked bond (its own bond came back).
    // The same pass posted the next canary (a third verdict), paying its fee (a copy of this one's).
    const posts = BigInt(only(pass, 'posted').length);
    expect(posts).toBe(1n);
    next = only(pass, 'posted')[0];
    expect(await balance()).toBe(before + fee + deposit + perVerdict - posts * fee);
    expect(await readVerifierBond(verifier, { address: m.contracts.JobMarket, verifier: verifier.account.address })).toEqual({ bond: bondBefore.bond - perVerdict, locked: bondBefore.locked - perVerdict });
    await m.indexer.tick();
    const record = (await bot.diligence())[0]!;
    expect(record).toMatchObject({ canaries: 2, caught: 1, approved: 1 });
    expect(record.diligence).toMatchObject({ successes: 1, trials: 2, rate: 0.5 });
    expect(record.diligence.low).toBeLessThan(0.5);
    expect(record.diligence.high).toBeGreaterThan(0.5);
  });

  /** A lazy verifier that posts no challenge passes the bot's next canary (after its step hashes are published). */
  const passUnchallenged = async (): Promise<{ jobId: bigint; plantedSteps: number[] }> => {
    expect(next).toBeDefined();
    const jobId = next!.jobId;
    const [submitted] = only(await botTick(), 'submitted');
    expect(submitted).toMatchObject({ jobId });
    await botTick(); // publishes the step hashes; there is no challenge to answer
    await orNotFoundChallenge(jobId);
    await postVerdict(verifier, { address: m.contracts.JobMarket, jobId, passed: true });
    return { jobId, plantedSteps: submitted!.plantedSteps };
  };
  const orNotFoundChallenge = async (jobId: bigint) => expect(await orNotFound(getJobChallenge(m.as(9), { id: jobId }))).toBeUndefined();
  const bondOf = () => readVerifierBond(verifier, { address: m.contracts.JobMarket, verifier: verifier.account.address });

  it('a verifier that passes an exact canary without challenging it is held to the beacon draw: the bot stores its audit opening of a drawn planted step, disputes it, and the verifier loses its bond', async () => {
    // The next canary copies this tolerant job (the newest with its spec's gas) for the test after this one.
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: TOLERANT });
    const requester = m.clients(KEYS.requester);
    const { timestamp } = await requester.publicClient.getBlock();
    await postJob(requester, { address: m.contracts.JobMarket, specHash: specHash as Hex, fee: 50n * GRID, gas: jobGas(TOLERANT.training).gas, deadline: timestamp + 3_600n });
    const { jobId, plantedSteps } = await passUnchallenged();
    const bondBefore = await bondOf();
    const pass = await botTick();
    const [disputed] = only(pass, 'disputed');
    // T = 48 = q: the draw names every transition, so the first planted one is disputed.
    expect(disputed).toEqual({ kind: 'disputed', jobId, verifier: ANVIL_DEV_ADDRESSES[KEYS.verifier], step: plantedSteps[0] });
    await m.indexer.tick(); // the dispute indexed: the opening is public, for the referee
    expect(await getJobAuditOpening(m.as(9), { id: jobId, auditor: ANVIL_DEV_ADDRESSES[CANARY_REQUESTER]! })).toMatchObject({ step: plantedSteps[0] });
    next = only(pass, 'posted')[0];
    await m.indexer.tick();
    const referee = createRefereeAgent({ coordinator: m.as(9), chain: m.clients(REFEREE), market: m.contracts.JobMarket });
    const resolved = (await referee.tick()).find((o) => o.jobId === jobId);
    expect(resolved).toMatchObject({ kind: 'resolved', result: 'slashed', decision: { nodeWrong: true, step: plantedSteps[0] }, verifierPaid: 0n });
    const { perVerdict } = await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 0 });
    expect(resolved).toMatchObject({ verifierSlashed: perVerdict });
    expect(await bondOf()).toEqual({ bond: bondBefore.bond - perVerdict, locked: bondBefore.locked - perVerdict });
  });

  it('a tolerant canary passed without a challenge: the bot disputes a drawn planted step, its node opens it, and the referee slashes node and verifier without waiting out the window', async () => {
    const { jobId, plantedSteps } = await passUnchallenged();
    expect(next).toMatchObject({ jobId });
    const disputed = only(await botTick(), 'disputed');
    expect(disputed).toEqual([{ kind: 'disputed', jobId, verifier: ANVIL_DEV_ADDRESSES[KEYS.verifier], step: plantedSteps[0] }]);
    await m.indexer.tick();
    await expect(getJobAuditOpening(m.as(9), { id: jobId, auditor: ANVIL_DEV_ADDRESSES[CANARY_REQUESTER]! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const opened = only(await botTick(), 'opened');
    expect(opened).toEqual([{ kind: 'opened', jobId, step: plantedSteps[0] }]);
    expect(only(await botTick(), 'opened')).toEqual([]); // opened once
    await m.indexer.tick();
    const referee = createRefereeAgent({ coordinator: m.as(9), chain: m.clients(REFEREE), market: m.contracts.JobMarket });
    expect((await referee.tick()).find((o) => o.jobId === jobId)).toMatchObject({ kind: 'resolved', result: 'slashed', decision: { nodeWrong: true, step: plantedSteps[0], kind: 'over-tolerance' }, verifierSlashed: expect.any(BigInt) });
    expect(await stateOf(jobId)).toBe('slashed');
  });

  it('cancels a canary its node could not take (no GRID for the deposit), and posts none while its node has no room', async () => {
    const BROKE = 4; // workers on the market, but no GRID
    await setWorkers(verifier, { address: m.contracts.JobMarket, node: ANVIL_DEV_ADDRESSES[BROKE]!, workers: 1 });
    const broke = createCanaryBot({ ...accounts([BROKE], [CANARY_REQUESTER]), market: m.contracts.JobMarket, secret: 'broke' }, { rate: 1, paceEveryMs: 0 });
    await m.indexer.tick();
    const [lost] = only(await broke.tick(), 'lost');
    expect(lost).toMatchObject({ why: 'INSUFFICIENT_FUNDS' });
    expect(await stateOf(lost!.jobId)).toBe('cancelled'); // its fee came back; nobody trains it
    await setWorkers(verifier, { address: m.contracts.JobMarket, node: ANVIL_DEV_ADDRESSES[BROKE]!, workers: 0 });
    const jobCount = () => verifier.publicClient.readContract({ address: m.contracts.JobMarket, abi: jobMarketAbi, functionName: 'jobCount' });
    const before = await jobCount();
    await m.indexer.tick();
    expect(only(await broke.tick(), 'posted')).toEqual([]); // still due, but no room
    expect(await jobCount()).toBe(before);
  });

  it('ends a submitted canary that no verifier judged within its verification window, and only then (it moves the chain two days on)', async () => {
    const requester = m.clients(CANARY_REQUESTER);
    const { timestamp } = await requester.publicClient.getBlock();
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: SPEC });
    const { jobId } = await postJob(requester, { address: m.contracts.JobMarket, specHash: specHash as Hex, fee: 50n * GRID, gas: jobGas(SPEC.training).gas, deadline: timestamp + 3_600n, approve: true });
    await acceptJob(m.clients(CANARY_NODE), { address: m.contracts.JobMarket, jobId, approve: true });
    const quiet = createCanaryBot({ ...accounts([CANARY_NODE], [CANARY_REQUESTER]), market: m.contracts.JobMarket, secret: 'quiet' }, { rate: 0, paceEveryMs: 0 });
    await m.indexer.tick();
    expect(only(await quiet.tick(), 'submitted').map((o) => o.jobId)).toContain(jobId);
    // A bot under another secret (its first node key changed) recomputes another run: it says so and publishes nothing.
    const errors: unknown[] = [];
    const log = { info: () => undefined, warn: () => undefined, error: (o: { err?: unknown }) => void errors.push(o.err) };
    const rekeyed = createCanaryBot({ ...accounts([CANARY_NODE], [CANARY_REQUESTER]), market: m.contracts.JobMarket, secret: 'another secret', log }, { rate: 0, paceEveryMs: 0 });
    await m.indexer.tick();
    expect((await rekeyed.tick()).filter((o) => o.jobId === jobId)).toEqual([]);
    expect(errors).toContainEqual(expect.objectContaining({ code: 'CONFIG_INVALID', shortMessage: `Canary ${jobId}: the run recomputed from the bot's secret does not open its committed root` }));
    await expect(getJobStepHashes(m.as(9), { id: jobId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await m.indexer.tick();
    expect((await quiet.tick()).filter((o) => o.jobId === jobId && o.kind === 'withdrawn')).toEqual([]); // its window is open
    expect(await stateOf(jobId)).toBe('submitted');
    const test = createTestClient({ chain: { ...foundry, id: m.anvil.chainId }, mode: 'anvil', transport: http(m.anvil.rpcUrl) });
    await test.increaseTime({ seconds: Number(JOB_MARKET_DEFAULTS.verificationWindow) + 1 });
    await test.mine({ blocks: 1 });
    const node = ANVIL_DEV_ADDRESSES[CANARY_NODE]!;
    const balance = () => verifier.publicClient.readContract({ address: m.contracts.GridToken, abi: erc20Abi, functionName: 'balanceOf', args: [node] });
    const before = await balance();
    expect((await quiet.tick()).filter((o) => o.jobId === jobId)).toEqual([{ kind: 'withdrawn', jobId, why: 'no verifier judged it within its verification window' }]);
    expect(await stateOf(jobId)).toBe('unverified');
    expect(await balance()).toBeGreaterThan(before); // the deposit came back
  });

  it('trains a canary again when a reorganisation moved its accept (another seed) before its submit, and keeps the run of the committed root after it (after the chain moved on)', async () => {
    const requester = m.clients(CANARY_REQUESTER);
    const node = m.clients(CANARY_NODE);
    const test = createTestClient({ chain: { ...foundry, id: m.anvil.chainId }, mode: 'anvil', transport: http(m.anvil.rpcUrl) });
    const { timestamp } = await requester.publicClient.getBlock();
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: SPEC });
    const { jobId } = await postJob(requester, { address: m.contracts.JobMarket, specHash: specHash as Hex, fee: 50n * GRID, gas: jobGas(SPEC.training).gas, deadline: timestamp + 3_600n, approve: true });
    const beforeAccept = await test.snapshot();
    const reorged = createCanaryBot({ ...accounts([CANARY_NODE], [CANARY_REQUESTER]), market: m.contracts.JobMarket, secret: 'reorged' }, { rate: 0, paceEveryMs: 0 });
    await acceptJob(node, { address: m.contracts.JobMarket, jobId, approve: true });
    await m.indexer.tick();
    expect(only(await reorged.tick(), 'submitted').map((o) => o.jobId)).toContain(jobId);
    const first = (await readJob(requester.publicClient, { address: m.contracts.JobMarket, jobId })).resultRoot;
    // The new fork: an empty block first, so the accept lands in another block; then past the old head, so the index rewinds.
    await test.revert({ id: beforeAccept });
    const beforeSecondAccept = await test.snapshot();
    await test.mine({ blocks: 1 });
    await acceptJob(node, { address: m.contracts.JobMarket, jobId, approve: true });
    await test.mine({ blocks: 5 });
    expect(await m.indexer.tick()).toMatchObject({ rewoundTo: expect.any(Number) });
    expect(only(await reorged.tick(), 'submitted').map((o) => o.jobId)).toContain(jobId);
    const second = (await readJob(requester.publicClient, { address: m.contracts.JobMarket, jobId })).resultRoot;
    expect(second).not.toBe(first);
    // Once submitted, the run that opens the committed root is kept: here the accept moves again, and the submit of that root is re-mined after it.
    await test.revert({ id: beforeSecondAccept });
    await test.mine({ blocks: 2 });
    await acceptJob(node, { address: m.contracts.JobMarket, jobId, approve: true });
    await submitResult(node, { address: m.contracts.JobMarket, jobId, resultRoot: second });
    await test.mine({ blocks: 5 });
    expect(await m.indexer.tick()).toMatchObject({ rewoundTo: expect.any(Number) });
    await reorged.tick();
    // It published the step hashes of that run (the coordinator takes only hashes whose root is the committed one).
    expect((await getJobStepHashes(m.as(9), { id: jobId })).hashes).toHaveLength(49); // h_0 … h_T, T = 48 (tinyJobSpec)
  });
  it('draws each canary\'s node among its nodes with room and its requester among its requesters, and works each canary with the accounts that hold it', async () => {
    const anvil = createTestClient({ chain: { ...foundry, id: m.anvil.chainId }, mode: 'anvil', transport: http(m.anvil.rpcUrl) });
    /** An account beyond anvil's ten, with ETH and GRID. */
    const fresh = async (label: string): Promise<CanaryAccount> => {
      const chain = createChainClients({ rpcUrl: m.anvil.rpcUrl, chainId: m.anvil.chainId, privateKey: keccak256(toHex(`canary-bot-test/${label}`)) });
      await anvil.setBalance({ address: chain.account.address, value: parseEther('100') });
      await giveGrid(chain.account.address);
      return { chain, coordinator: createCoordinatorClient({ url: m.coord.url, account: chain.account, domain: m.coord.domain }) };
    };
    const SECOND_NODE = 8;
    // The lazy pass locks one verdict's bond; the agent takes one for the earlier test's canary still submitted, and one for this test's second.
    await ensureVerifierBond(verifier, { market: m.contracts.JobMarket, verdicts: 3 });
    const [node, requester] = [await fresh('node'), await fresh('requester')];
    await giveGrid(ANVIL_DEV_ADDRESSES[SECOND_NODE]!);
    for (const address of [node.chain.account.address, ANVIL_DEV_ADDRESSES[SECOND_NODE]!]) await setWorkers(verifier, { address: m.contracts.JobMarket, node: address, workers: 1 });
    // The job the canaries copy: the newest of a requester not the bot's.
    const market = m.clients(KEYS.requester);
    const { specHash } = await putJobSpec(m.as(KEYS.requester), { spec: SPEC });
    const { timestamp } = await market.publicClient.getBlock();
    await postJob(market, { address: m.contracts.JobMarket, specHash: specHash as Hex, fee: 50n * GRID, gas: jobGas(SPEC.training).gas, deadline: timestamp + 3_600n });
    const draws: number[] = [];
    const script = [0, 1, 0, 0];
    const pick = (n: number) => {
      draws.push(n);
      return script.shift() ?? 0;
    };
    // The fresh node first: the bot reads with the first node's client, and must still write as each canary's own node.
    const pooled = createCanaryBot({ nodes: [node, account(SECOND_NODE)], requesters: [account(CANARY_REQUESTER), requester], market: m.contracts.JobMarket, secret: 'pooled' }, { rate: 1, paceEveryMs: 0, pick });
    const pooledTick = async () => {
      await m.indexer.tick();
      return pooled.tick();
    };
    // Both nodes have room: the draw names the first node and the second requester.
    const [first] = only(await pooledTick(), 'posted');
    expect(first).toMatchObject({ node: node.chain.account.address, requester: requester.chain.account.address });
    expect(await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId: first!.jobId })).toMatchObject({ state: 'accepted', node: node.chain.account.address, requester: requester.chain.account.address });
    // That node's worker is withdrawn (a node frees it when it submits): the next canary's node is drawn among the other alone.
    await setWorkers(verifier, { address: m.contracts.JobMarket, node: node.chain.account.address, workers: 0 });
    const pass = await pooledTick();
    expect(only(pass, 'submitted').map((o) => o.jobId)).toEqual([first!.jobId]);
    const [second] = only(pass, 'posted');
    expect(second).toMatchObject({ node: ANVIL_DEV_ADDRESSES[SECOND_NODE], requester: ANVIL_DEV_ADDRESSES[CANARY_REQUESTER] });
    expect(draws).toEqual([2, 2, 1, 2]);
    // No node has room from here on, so the bot posts no more canaries.
    await setWorkers(verifier, { address: m.contracts.JobMarket, node: ANVIL_DEV_ADDRESSES[SECOND_NODE]!, workers: 0 });
    // Each node submits its own canary (the market takes a result from the job's node only) and publishes its step hashes.
    expect(only(await pooledTick(), 'submitted').map((o) => o.jobId)).toEqual([second!.jobId]);
    await pooledTick();
    expect((await getJobStepHashes(m.as(9), { id: first!.jobId })).hashes).toHaveLength(49);
    // A lazy verifier passes the first unchallenged; the agent challenges the second, which its node answers (the coordinator takes openings from the job's node only).
    await postVerdict(verifier, { address: m.contracts.JobMarket, jobId: first!.jobId, passed: true });
    await m.indexer.tick();
    await agent.tick();
    const after = await pooledTick();
    expect(only(after, 'answered').map((o) => o.jobId)).toEqual([second!.jobId]);
    // The first canary's requester blows the whistle: its audit opening, its dispute.
    const [disputed] = only(after, 'disputed');
    expect(disputed).toMatchObject({ jobId: first!.jobId });
    expect(await readJob(verifier.publicClient, { address: m.contracts.JobMarket, jobId: first!.jobId })).toMatchObject({ state: 'disputed', whistleblower: requester.chain.account.address });
    await m.indexer.tick();
    expect(await getJobAuditOpening(m.as(9), { id: first!.jobId, auditor: requester.chain.account.address })).toMatchObject({ step: disputed!.step });
    expect((await agent.tick()).find((o) => o.jobId === second!.jobId)).toMatchObject({ kind: 'verdict', report: { passed: false } });
    expect(only(await pooledTick(), 'caught')).toEqual([{ kind: 'caught', jobId: second!.jobId, verifier: ANVIL_DEV_ADDRESSES[KEYS.verifier]!.toLowerCase() }]);
    expect(draws).toHaveLength(4);
    // Its record counts the canaries of all its nodes.
    expect(await pooled.diligence()).toEqual([expect.objectContaining({ verifier: ANVIL_DEV_ADDRESSES[KEYS.verifier]!.toLowerCase(), canaries: 2, caught: 1 })]);
  });

  it('refuses pools that are empty, repeat an account, or share one between nodes and requesters', () => {
    const make = (nodes: number[], requesters: number[]) => () => createCanaryBot({ ...accounts(nodes, requesters), market: m.contracts.JobMarket, secret: 's' });
    expect(make([], [CANARY_REQUESTER])).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(/at least one node/) }));
    expect(make([CANARY_NODE], [])).toThrow(/at least one requester/);
    expect(make([CANARY_NODE, CANARY_NODE], [CANARY_REQUESTER])).toThrow(/listed twice/);
    expect(make([CANARY_NODE], [CANARY_REQUESTER, CANARY_NODE])).toThrow(/both a node and a requester/);
  });
});
